/**
 * Mixed content: subresources an HTTPS page requested over plain HTTP.
 *
 * Rules (Mixed Content, W3C): images, audio and video are upgradable, and current browsers
 * request them over HTTPS instead (Chrome since version 86). Every other type is blockable, so
 * browsers block it and the page breaks. Scripts, stylesheets, frames, plugins, fetches, fonts
 * and WebSockets fail here. Beacons and requests of unknown type warn, like passive content.
 * Loopback hosts (`http://localhost`, `http://127.0.0.1`) are potentially trustworthy and never
 * mixed content. An enforced CSP `upgrade-insecure-requests` in a header makes browsers fetch
 * every plain-HTTP URL over HTTPS. A `<meta>` policy is not read here.
 *
 * Triggers: `{url: 'http://cdn.example/app.js', type: 'script'}` on an HTTPS page.
 */

import type { Check, CheckContext, Finding } from '../check';
import { isDevelopmentHost } from '../development-host';
import type { HeaderList } from '../headers';
import { remediateMixedContent } from '../remediation/mixed-content';

/** Resource types (the `webRequest` names) whose plain-HTTP requests browsers block. */
const BLOCKED_TYPES = new Set([
  'script',
  'stylesheet',
  'sub_frame',
  'object',
  'xmlhttprequest',
  'font',
  'websocket',
  'webbundle',
  'webtransport',
]);

/** Resource types that browsers upgrade to HTTPS instead of blocking. */
const UPGRADED_TYPES = new Set(['image', 'imageset', 'media']);

const MAX_LISTED = 5;

export interface MixedRequest {
  url: string;
  type: string;
}

export const check: Check<'mixed-content'> = {
  id: 'mixed-content',
  title: 'Mixed content',

  run(context) {
    if (!context.https) {
      return {
        outcome: 'plain-http',
        evidence:
          'the page itself was served over plain HTTP, so no request of it is mixed content',
      };
    }

    const { active, passive } = findMixedRequests(context);
    const notes = incompleteListNote(context);
    if (active.length === 0 && passive.length === 0) {
      return { outcome: 'none', evidence: 'no subresource was requested over plain HTTP', notes };
    }

    if (upgradesInsecureRequests(context.headers)) {
      return {
        outcome: 'upgraded',
        evidence: `the CSP directive upgrade-insecure-requests makes browsers request these over HTTPS: ${listRequests([...active, ...passive])}`,
        notes,
      };
    }

    if (active.length > 0) {
      if (passive.length > 0) {
        notes.push(
          `Also requested over plain HTTP, and upgraded by browsers: ${listRequests(passive)}.`,
        );
      }
      return {
        outcome: 'active-mixed',
        evidence: `blocked by browsers, so the page is broken: ${listRequests(active)}`,
        notes,
      };
    }
    return {
      outcome: 'passive-mixed',
      evidence: `browsers request these over HTTPS instead, or fail them when the server has no HTTPS: ${listRequests(passive)}`,
      notes,
    };
  },

  remediate(finding: Finding<'mixed-content'>, context: CheckContext) {
    return remediateMixedContent(finding, context);
  },
};

/** Splits the plain-HTTP requests of the page into blocked (active) and the rest (passive). */
export function findMixedRequests(context: CheckContext): {
  active: MixedRequest[];
  passive: MixedRequest[];
} {
  const requests: MixedRequest[] = [
    ...(context.record.scripts ?? []).map((script) => ({ url: script.url, type: 'script' })),
    ...(context.record.subresources ?? []),
  ];

  const seen = new Set<string>();
  const active: MixedRequest[] = [];
  const passive: MixedRequest[] = [];
  for (const request of requests) {
    const key = `${request.type} ${request.url}`;
    if (seen.has(key) || request.type === 'main_frame' || !isInsecureUrl(request.url)) {
      continue;
    }
    seen.add(key);

    if (BLOCKED_TYPES.has(request.type)) {
      active.push(request);
    } else {
      passive.push(request);
    }
  }
  return { active, passive };
}

function isInsecureUrl(value: unknown): boolean {
  if (typeof value !== 'string' || !URL.canParse(value)) {
    return false;
  }
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'ws:') {
    return false;
  }
  return !isDevelopmentHost(url.hostname);
}

function upgradesInsecureRequests(headers: HeaderList): boolean {
  return headers
    .all('content-security-policy')
    .flatMap((line) => line.split(','))
    .flatMap((policy) => policy.split(';'))
    .some((directive) => directive.trim().toLowerCase() === 'upgrade-insecure-requests');
}

function listRequests(requests: readonly MixedRequest[]): string {
  const listed = requests
    .slice(0, MAX_LISTED)
    .map((request) => `${request.url} (${describeType(request.type)})`);
  const more = requests.length > MAX_LISTED ? ` and ${requests.length - MAX_LISTED} more` : '';
  return `${listed.join(', ')}${more}`;
}

function describeType(type: string): string {
  if (UPGRADED_TYPES.has(type) || BLOCKED_TYPES.has(type)) {
    return type;
  }
  return `${type}, a type browsers may block`;
}

function incompleteListNote(context: CheckContext): string[] {
  const dropped = context.record.droppedSubresources;
  if (typeof dropped === 'number' && dropped > 0) {
    return [
      `${dropped} further subresource requests were not recorded, so this list may be incomplete.`,
    ];
  }
  return [];
}
