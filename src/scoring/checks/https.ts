/**
 * HTTPS: the prerequisite of every transport check.
 *
 * Detects whether the document itself was served over HTTPS, from the scheme of its final
 * URL. A plain-HTTP document on a production host caps the grade at F.
 * Triggered by: a record whose `url` is `http://example.com/`.
 */

import type { Check, CheckContext, Finding } from '../check';
import { quote } from '../remediation/order';
import { remediateHttps } from '../remediation/https';

export const check: Check<'https'> = {
  id: 'https',
  title: 'HTTPS',
  run(context) {
    const { url, record } = context;
    const servedOverHttps = context.https;
    const evidence = describeTransport(context);

    if (context.developmentHost) {
      return {
        outcome: 'development-host',
        evidence: `${url?.hostname ?? 'this host'} is a development host, where HTTPS is not required`,
        notes: servedOverHttps ? [] : [`This would fail in production unchanged: ${evidence}.`],
      };
    }
    if (servedOverHttps) {
      return { outcome: 'served', evidence };
    }
    return {
      outcome: 'plain-http',
      evidence,
      notes:
        url === null
          ? [
              `The record's URL ${quote(String(record.url))} could not be parsed, so HTTPS was not shown.`,
            ]
          : [],
    };
  },
  remediate(finding: Finding<'https'>, context: CheckContext) {
    return remediateHttps(finding, context);
  },
};

function describeTransport(context: CheckContext): string {
  const { url, record } = context;
  if (url === null) {
    return `the page URL ${quote(String(record.url))} is not a valid URL`;
  }
  if (context.https) {
    return `${url.href} was served over HTTPS`;
  }
  return `${url.href} was served over ${url.protocol === 'http:' ? 'plain HTTP' : url.protocol}`;
}
