/**
 * CORS on the document: which other origins may read the page from JavaScript, and whether
 * with the user's cookies.
 *
 * Rules (Fetch, "CORS check"): a browser lets another origin read a response only when
 * `Access-Control-Allow-Origin` is `*` or equals that origin byte for byte. A read with
 * credentials also needs `Access-Control-Allow-Credentials` to be exactly `true`, and `*` is
 * refused for it. The rule used here:
 * - `null` with credentials fails, because any site can obtain the `null` origin from a
 *   sandboxed iframe or a data: URL and read the page with the user's cookies.
 * - An allowed origin equal to the request's `Origin` fails as reflected when that origin is
 *   not the page's own and credentials are allowed.
 * - `*` with credentials is a broken configuration that browsers refuse (warn).
 * - Only the page's own origin, or no Access-Control-Allow-Origin, shares nothing (pass).
 * - Any other sharing is reported with the origin it trusts (info).
 *
 * Triggers: `Access-Control-Allow-Origin: null` with `Access-Control-Allow-Credentials: true`.
 */

import type { Check, CheckContext, Finding } from '../check';
import { HeaderList } from '../headers';
import { remediateCors } from '../remediation/cors';
import { quote } from '../remediation/order';

export const check: Check<'cors'> = {
  id: 'cors',
  title: 'Cross-origin resource sharing',

  run(context) {
    const allowOrigin = context.headers
      .all('access-control-allow-origin')
      .map((line) => line.trim());
    const credentials = readCredentials(context.headers);
    if (allowOrigin.length === 0) {
      return { outcome: 'not-shared', evidence: 'no Access-Control-Allow-Origin header' };
    }

    const received = `Access-Control-Allow-Origin: ${quote(allowOrigin.join(', '))}${credentials.evidence}`;
    const allowed = allowOrigin[0] ?? '';
    if (allowOrigin.length > 1 || allowed.includes(',')) {
      return {
        outcome: 'not-shared',
        evidence: received,
        notes: [
          'Browsers reject an Access-Control-Allow-Origin with several values, so no other origin can read the page.',
        ],
      };
    }

    if (allowed === '*') {
      return credentials.allowed
        ? { outcome: 'wildcard-credentials', evidence: received }
        : {
            outcome: 'shared',
            evidence: received,
            notes: ["Any site can read this page, without the user's cookies."],
          };
    }
    if (allowed === 'null') {
      return credentials.allowed
        ? { outcome: 'null-credentials', evidence: received }
        : {
            outcome: 'shared',
            evidence: received,
            notes: [
              "Sandboxed frames and data: URLs of any site can read this page, without the user's cookies.",
            ],
          };
    }

    const pageOrigin = context.url?.origin;
    if (allowed === pageOrigin) {
      return { outcome: 'not-shared', evidence: `${received}, the page's own origin` };
    }

    const requestOrigin = readRequestOrigin(context);
    if (credentials.allowed && requestOrigin !== undefined && allowed === requestOrigin) {
      return {
        outcome: 'reflected-credentials',
        evidence: `${received}, the same as the request's Origin ${quote(requestOrigin)}`,
      };
    }

    return {
      outcome: 'shared',
      evidence: received,
      notes: describeSharing(context, allowed, credentials, requestOrigin),
    };
  },

  remediate(finding: Finding<'cors'>, context: CheckContext) {
    return remediateCors(finding, context);
  },
};

interface CredentialsReading {
  /** True when browsers let other origins read the page with the user's cookies. */
  allowed: boolean;
  /** The received header, ready to append to the evidence, or an empty string. */
  evidence: string;
  received?: string;
}

function readCredentials(headers: HeaderList): CredentialsReading {
  const lines = headers.all('access-control-allow-credentials');
  if (lines.length === 0) {
    return { allowed: false, evidence: '' };
  }
  const received = lines.map((line) => line.trim()).join(', ');
  return {
    allowed: received === 'true',
    evidence: ` with Access-Control-Allow-Credentials: ${quote(received)}`,
    received,
  };
}

function readRequestOrigin(context: CheckContext): string | undefined {
  const requestHeaders = context.record.requestHeaders;
  if (!Array.isArray(requestHeaders)) {
    return undefined;
  }
  return new HeaderList(requestHeaders).first('origin')?.trim();
}

function describeSharing(
  context: CheckContext,
  allowed: string,
  credentials: CredentialsReading,
  requestOrigin: string | undefined,
): string[] {
  const notes: string[] = [];
  if (credentials.received !== undefined && !credentials.allowed) {
    notes.push(
      `Access-Control-Allow-Credentials ${quote(credentials.received)} is not exactly "true", so browsers refuse reads with cookies.`,
    );
  }
  if (!credentials.allowed) {
    notes.push(`${allowed} can read this page, without the user's cookies.`);
    return notes;
  }

  notes.push(`${allowed} can read this page with the user's cookies.`);
  if (context.https && allowed.toLowerCase().startsWith('http:')) {
    notes.push(
      `${allowed} is a plain-HTTP origin, so a network attacker who injects a script into it can read this HTTPS page as the user.`,
    );
  }
  // NOTE: one response shows a reflection only when the record contains the request's Origin, and
  // a GET navigation sends none. Without it, a fixed allowlist entry and an echo look the same.
  if (context.record.requestHeaders === undefined) {
    notes.push(
      'The record has no request headers, so the check cannot tell whether the server echoes any Origin it receives.',
    );
  } else if (requestOrigin === undefined) {
    notes.push('The request carried no Origin header, so this value is not an echo of it.');
  }
  return notes;
}
