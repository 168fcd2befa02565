/**
 * Framing protection: whether other sites may show the page in a frame (clickjacking).
 *
 * Rule: HTML Standard, "check a navigation response's adherence to X-Frame-Options". An
 * enforced CSP `frame-ancestors` from a header makes browsers ignore X-Frame-Options.
 * X-Frame-Options values are split on commas across lines, trimmed and lowercased, and
 * several different values block all framing. `ALLOW-FROM` is not supported by current
 * browsers. `frame-ancestors` in a `<meta>` policy and `<meta http-equiv="X-Frame-Options">`
 * are ignored (CSP Level 3, HTML Standard).
 *
 * Triggers: `X-Frame-Options: DENY` passes; `Content-Security-Policy: frame-ancestors *`
 * fails even next to `X-Frame-Options: DENY`.
 */

import type { Check, Finding } from '../check';
import { collectPolicies, type CollectedPolicies } from '../parsers/csp';
import { extractMetaHttpEquiv } from '../parsers/html-meta';
import {
  determineFramingControl,
  type FramingControl,
  type XFrameOptions,
} from '../parsers/x-frame-options';
import { remediateFrameOptions } from '../remediation/frame-options';
import { quote } from '../remediation/order';

export const check: Check<'frame-options'> = {
  id: 'frame-options',
  title: 'Framing protection (X-Frame-Options, CSP frame-ancestors)',

  run(context): Finding<'frame-options'> {
    const policies = collectPolicies(context.headers, context.record.html);
    const control = determineFramingControl(
      context.headers.all('x-frame-options'),
      policies.enforced,
    );
    const notes = [...ignoredFramingNotes(policies, context.record.html)];

    if (control.by === 'frame-ancestors') {
      notes.push(...frameAncestorsNotes(control));
      return { ...frameAncestorsFinding(control), notes };
    }
    const finding = xFrameOptionsFinding(control.xFrameOptions);
    if (finding.outcome === 'missing' && hasMetaFrameAncestors(policies)) {
      // The evidence states it, so the note would repeat it.
      return {
        outcome: 'missing',
        evidence:
          'no X-Frame-Options header, and browsers ignore the frame-ancestors of the <meta> policy: any site may frame the page',
        notes: notes.filter((note) => note !== META_FRAME_ANCESTORS_NOTE),
      };
    }
    return { ...finding, notes };
  },

  remediate(finding, context) {
    return remediateFrameOptions(finding, context);
  },
};

function frameAncestorsFinding(
  control: Extract<FramingControl, { by: 'frame-ancestors' }>,
): Omit<Finding<'frame-options'>, 'notes'> {
  const received = control.sourceLists
    .map((values) => `frame-ancestors ${quote(values.join(' '))}`)
    .join(' and ');
  const evidence = `Content-Security-Policy ${received}`;

  switch (control.scope) {
    case 'none':
      return {
        outcome: 'frame-ancestors-none',
        evidence: `${evidence}: no site may frame the page`,
      };
    case 'limited':
      return {
        outcome: 'frame-ancestors-limited',
        evidence: `${evidence}: the page's own origin or the listed origins may frame it`,
      };
    case 'any':
      return {
        outcome: 'frame-ancestors-any',
        evidence: `${evidence}: any site may frame the page`,
      };
  }
}

function xFrameOptionsFinding(result: XFrameOptions): Omit<Finding<'frame-options'>, 'notes'> {
  switch (result.state) {
    case 'missing':
      return {
        outcome: 'missing',
        evidence:
          'no X-Frame-Options header and no CSP frame-ancestors: any site may frame the page',
      };
    case 'deny':
      return { outcome: 'deny', evidence: `X-Frame-Options: ${quote(result.value)}` };
    case 'sameorigin':
      return {
        outcome: 'same-origin',
        evidence: `X-Frame-Options: ${quote(result.value)}: pages of the same origin may frame it`,
      };
    case 'conflicting':
      return {
        outcome: 'conflicting',
        evidence:
          `X-Frame-Options: ${quote(result.value)} contains ${result.values.length} different values, ` +
          'so browsers block all framing, as with DENY',
      };
    case 'allow-from':
      return {
        outcome: 'allow-from',
        evidence: `X-Frame-Options: ${quote(result.value)}: current browsers do not support ALLOW-FROM and allow any site to frame the page`,
      };
    case 'allowall':
      return {
        outcome: 'invalid',
        evidence: `X-Frame-Options: ${quote(result.value)} lets any site frame the page`,
      };
    case 'invalid':
      return {
        outcome: 'invalid',
        evidence: `X-Frame-Options: ${quote(result.value)} is not DENY or SAMEORIGIN, so browsers ignore it and any site may frame the page`,
      };
  }
}

function frameAncestorsNotes(
  control: Extract<FramingControl, { by: 'frame-ancestors' }>,
): string[] {
  const notes: string[] = [];
  if (control.ignoredXFrameOptions.state !== 'missing') {
    notes.push(
      `X-Frame-Options ${quote(control.ignoredXFrameOptions.value)} is ignored by browsers, because the policy has frame-ancestors`,
    );
  }
  if (
    control.sourceLists.some((values) => values.some((value) => value.toLowerCase() === 'none'))
  ) {
    notes.push(
      'frame-ancestors none without quotes is a host named "none", not the \'none\' keyword',
    );
  }
  return notes;
}

const META_FRAME_ANCESTORS_NOTE =
  'frame-ancestors in a <meta> policy is ignored by browsers: it must be sent as a header';

/** Reports whether a `<meta>` policy had a frame-ancestors directive, which browsers drop. */
function hasMetaFrameAncestors(policies: CollectedPolicies): boolean {
  const parsed = [...policies.enforced, ...policies.empty];
  return parsed.some((policy) => policy.removed.includes('frame-ancestors'));
}

function ignoredFramingNotes(policies: CollectedPolicies, html: unknown): string[] {
  const notes: string[] = [];
  if (hasMetaFrameAncestors(policies)) {
    notes.push(META_FRAME_ANCESTORS_NOTE);
  }
  if (policies.reportOnly.some((policy) => policy.directives.has('frame-ancestors'))) {
    notes.push(
      'frame-ancestors in Content-Security-Policy-Report-Only only reports framing and blocks nothing',
    );
  }
  if (typeof html === 'string' && /x-frame-options/i.test(html)) {
    const metas = extractMetaHttpEquiv(html).filter((meta) => meta.httpEquiv === 'x-frame-options');
    if (metas.length > 0) {
      notes.push(
        '<meta http-equiv="X-Frame-Options"> is ignored by browsers: it must be sent as a header',
      );
    }
  }
  return notes;
}
