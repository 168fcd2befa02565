/**
 * Cross-origin isolation: the document's `Cross-Origin-Opener-Policy`,
 * `Cross-Origin-Embedder-Policy` and `Cross-Origin-Resource-Policy`.
 *
 * Rules: COOP and COEP are structured-field items holding one known token (HTML Standard),
 * and browsers apply them only in a secure context. CORP must be exactly `same-origin`,
 * `same-site` or `cross-origin` (Fetch). A value browsers ignore is invalid; see
 * parsers/cross-origin-policies.ts for how each header is read.
 *
 * Triggers: `Cross-Origin-Opener-Policy: same-origin` passes with a bonus, and
 * `Cross-Origin-Opener-Policy: same_origin` is an invalid value.
 */

import type { Check, CheckContext, Finding } from '../check';
import { isDevelopmentHost } from '../development-host';
import type { HeaderList } from '../headers';
import {
  readCrossOriginPolicies,
  receivedPolicies,
  type CrossOriginPolicies,
} from '../parsers/cross-origin-policies';
import { combineFieldLines } from '../parsers/structured-fields';
import { remediateCrossOriginIsolation } from '../remediation/cross-origin-isolation';
import { quote } from '../remediation/order';

export const check: Check<'cross-origin-isolation'> = {
  id: 'cross-origin-isolation',
  title: 'Cross-origin isolation',

  run(context) {
    if (context.url === null) {
      return {
        outcome: 'plain-http',
        evidence: 'the page URL is not a valid URL, so it is not a secure context',
      };
    }
    if (!isSecureContext(context.url)) {
      return {
        outcome: 'plain-http',
        evidence:
          'the page was served over plain HTTP, where browsers ignore Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy',
      };
    }

    const policies = readCrossOriginPolicies(context.headers);
    const readings = receivedPolicies(policies);
    const notes = describeIsolation(context.headers, policies);

    const invalid = readings.filter((reading) => reading.problem !== undefined);
    if (invalid.length > 0) {
      return {
        outcome: 'invalid',
        evidence: invalid
          .map((reading) => `${reading.header} ${quote(reading.received)} ${reading.problem ?? ''}`)
          .join('; '),
        notes,
      };
    }

    const received = readings.map((reading) => `${reading.header}: ${quote(reading.received)}`);
    if (policies.coop === undefined) {
      return {
        outcome: 'missing',
        evidence: ['no Cross-Origin-Opener-Policy header', ...received].join('; '),
        notes,
      };
    }
    return {
      outcome: policies.coop.value === 'same-origin' ? 'coop-same-origin' : 'coop-other',
      evidence: received.join('; '),
      notes,
    };
  },

  remediate(_finding: Finding<'cross-origin-isolation'>, context: CheckContext) {
    return remediateCrossOriginIsolation(context);
  },
};

function describeIsolation(headers: HeaderList, policies: CrossOriginPolicies): string[] {
  const notes: string[] = [];
  const coep = policies.coep?.value;
  if (
    policies.coop?.value === 'same-origin' &&
    (coep === 'require-corp' || coep === 'credentialless')
  ) {
    notes.push(
      'COOP same-origin with COEP require-corp or credentialless makes the page cross-origin isolated, which enables SharedArrayBuffer and precise timers.',
    );
  }
  for (const header of [
    'Cross-Origin-Opener-Policy-Report-Only',
    'Cross-Origin-Embedder-Policy-Report-Only',
  ]) {
    const lines = headers.all(header);
    if (lines.length > 0) {
      notes.push(
        `${header}: ${quote(combineFieldLines(lines))} only reports violations and enforces nothing.`,
      );
    }
  }
  return notes;
}

/** Reports whether a document at the URL is a secure context: HTTPS, or a loopback host. */
function isSecureContext(url: URL): boolean {
  return url.protocol === 'https:' || isDevelopmentHost(url.hostname);
}
