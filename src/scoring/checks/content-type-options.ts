/**
 * X-Content-Type-Options: whether the response forbids browsers to guess its content type.
 *
 * Rule: Fetch standard, "determine nosniff": the first comma-separated value of the combined
 * header, trimmed, compared ASCII case-insensitively to `nosniff`. A `<meta http-equiv>` is
 * not a header and browsers ignore it.
 *
 * Triggers: `X-Content-Type-Options: nosniff` passes; `X-Content-Type-Options: "nosniff"`
 * (quoted) is invalid.
 */

import type { Check } from '../check';
import { parseXContentTypeOptions } from '../parsers/x-content-type-options';
import { remediateContentTypeOptions } from '../remediation/content-type-options';
import { quote } from '../remediation/order';

export const check: Check<'content-type-options'> = {
  id: 'content-type-options',
  title: 'MIME type sniffing (X-Content-Type-Options)',

  run(context) {
    const result = parseXContentTypeOptions(context.headers.all('x-content-type-options'));

    switch (result.state) {
      case 'missing':
        return { outcome: 'missing', evidence: 'no X-Content-Type-Options header' };
      case 'nosniff':
        return { outcome: 'nosniff', evidence: `X-Content-Type-Options: ${quote(result.value)}` };
      case 'invalid':
        return {
          outcome: 'invalid',
          evidence:
            `X-Content-Type-Options: ${quote(result.value)}, whose first value ` +
            `${quote(result.firstValue)} is not "nosniff", so browsers may sniff content types`,
        };
    }
  },

  remediate(finding, context) {
    return remediateContentTypeOptions(finding, context);
  },
};
