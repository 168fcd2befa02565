// The checklist setting behind each check and what it buys, for the review document and
// the SARIF rule descriptions. Django settings name the review's measures.

import type { CheckId } from '../scoring/types';

export interface ChecklistItem {
  /** The setting or header that the check grades. */
  setting: string;
  /** The protection the setting gives, in one sentence. */
  benefit: string;
  /** MDN reference page. */
  docs: string;
}

const MDN_HEADERS = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers';

export const CHECKLIST: Readonly<Record<CheckId, ChecklistItem>> = {
  https: {
    setting: 'the document served over HTTPS',
    benefit:
      'Encrypts and authenticates the page, so nobody on the network path can read or change it.',
    docs: 'https://developer.mozilla.org/en-US/docs/Web/Security/Practical_implementation_guides/TLS',
  },
  'https-redirect': {
    setting: '`SECURE_SSL_REDIRECT = True`',
    benefit:
      'Sends visitors who type or follow a plain-HTTP link to the HTTPS site before anything else is exchanged.',
    docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/Redirections',
  },
  hsts: {
    setting: '`SECURE_HSTS_SECONDS = 31536000`',
    benefit:
      'Makes the browser use HTTPS for the site on its own for a year, closing the window of the first plain-HTTP request.',
    docs: `${MDN_HEADERS}/Strict-Transport-Security`,
  },
  'session-cookie': {
    setting: '`SESSION_COOKIE_SECURE = True`',
    benefit:
      'Keeps the session cookie off plain-HTTP connections and away from scripts, so a login cannot be stolen in transit or by injected code.',
    docs: `${MDN_HEADERS}/Set-Cookie`,
  },
  'csrf-cookie': {
    setting: '`CSRF_COOKIE_SECURE = True`',
    benefit:
      'Keeps the CSRF token off plain-HTTP connections, where an attacker on the network could read it and forge requests.',
    docs: `${MDN_HEADERS}/Set-Cookie`,
  },
  cookies: {
    setting: '`Secure` and `SameSite` on every other cookie',
    benefit:
      'Stops the remaining cookies from leaking over plain HTTP or riding along on cross-site requests.',
    docs: `${MDN_HEADERS}/Set-Cookie`,
  },
  'frame-options': {
    setting: "`X_FRAME_OPTIONS = 'DENY'`",
    benefit: 'Stops other sites from framing the page, which defeats clickjacking.',
    docs: `${MDN_HEADERS}/X-Frame-Options`,
  },
  'content-type-options': {
    setting: '`SECURE_CONTENT_TYPE_NOSNIFF = True`',
    benefit:
      'Stops the browser from guessing content types, so an uploaded file cannot run as a script or stylesheet.',
    docs: `${MDN_HEADERS}/X-Content-Type-Options`,
  },
  csp: {
    setting: 'a strong Content Security Policy (`SECURE_CSP`)',
    benefit:
      'Blocks injected scripts from running, which turns most cross-site scripting bugs into harmless text.',
    docs: `${MDN_HEADERS}/Content-Security-Policy`,
  },
  'referrer-policy': {
    setting: '`SECURE_REFERRER_POLICY`',
    benefit:
      'Keeps paths and query strings of the site out of the Referer header sent to other sites.',
    docs: `${MDN_HEADERS}/Referrer-Policy`,
  },
  'vulnerable-libraries': {
    setting: 'regular scans of third-party JavaScript (retire.js)',
    benefit:
      'Keeps library versions with published advisories, and often public exploits, off the page.',
    docs: 'https://developer.mozilla.org/en-US/docs/Web/Security/Attacks/Supply_chain_attacks',
  },
  'cross-origin-isolation': {
    setting: "`SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same-origin'`",
    benefit:
      'Separates the page from windows that other sites open, which blocks cross-window attacks and side channels.',
    docs: `${MDN_HEADERS}/Cross-Origin-Opener-Policy`,
  },
  'permissions-policy': {
    setting: 'a `Permissions-Policy` header',
    benefit:
      'Turns off browser features such as the camera or geolocation that the page and its frames do not need.',
    docs: `${MDN_HEADERS}/Permissions-Policy`,
  },
  cors: {
    setting: 'CORS headers (`Access-Control-Allow-*`)',
    benefit:
      'Lets other sites read responses only when they are meant to, and never with the visitor’s credentials for any origin.',
    docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS',
  },
  'mixed-content': {
    setting: 'every subresource requested over HTTPS',
    benefit:
      'Stops a plain-HTTP script, frame or stylesheet from giving a network attacker control of an HTTPS page.',
    docs: 'https://developer.mozilla.org/en-US/docs/Web/Security/Mixed_content',
  },
  'information-disclosure': {
    setting: 'no versions in `Server` or `X-Powered-By`',
    benefit: 'Gives scanners less to match against lists of known vulnerable versions.',
    docs: `${MDN_HEADERS}/Server`,
  },
  'deprecated-headers': {
    setting: 'no deprecated security headers',
    benefit:
      'Removes headers that current browsers ignore or that can cause harm, such as an enabled XSS auditor.',
    docs: `${MDN_HEADERS}/X-XSS-Protection`,
  },
};
