/**
 * Information disclosure: response headers that name the server software, and often its
 * version, which lets an attacker pick exploits for known vulnerabilities of that release.
 *
 * Rule: scanners of the field (the MDN HTTP Observatory, webhint, OWASP ZAP) flag `Server`,
 * `X-Powered-By` and the framework headers below. A value with a version number such as
 * `nginx/1.12.1` or `4.0.30319` warns, and a product name alone (`nginx`, `ASP.NET`) is
 * information. `X-Runtime` contains a request duration, not a version, and only reveals Rack.
 *
 * Triggers: `Server: Apache/2.4.41 (Ubuntu)` warns.
 */

import type { Check, CheckContext, Finding } from '../check';
import { remediateInformationDisclosure } from '../remediation/information-disclosure';
import { describeDisclosedHeader, findDisclosedHeaders } from '../parsers/software-headers';

export const check: Check<'information-disclosure'> = {
  id: 'information-disclosure',
  title: 'Server information disclosure',

  run(context) {
    const disclosed = findDisclosedHeaders(context.headers);
    if (disclosed.length === 0) {
      return { outcome: 'none', evidence: 'no header names the server software' };
    }

    const evidence = disclosed.map((header) => describeDisclosedHeader(header)).join('; ');
    const versions = disclosed.some((header) => header.version);
    return { outcome: versions ? 'versions' : 'products', evidence };
  },

  remediate(finding: Finding<'information-disclosure'>, context: CheckContext) {
    return remediateInformationDisclosure(finding, context);
  },
};
