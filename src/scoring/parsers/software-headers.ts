// Response headers that name the server software, and whether their value has a version.

import type { HeaderList } from '../headers';
import { quote } from '../remediation/order';

/** Headers that name software, with how each is written in fixes and evidence. */
export const DISCLOSING_HEADERS: ReadonlyMap<string, string> = new Map([
  ['server', 'Server'],
  ['x-powered-by', 'X-Powered-By'],
  ['x-aspnet-version', 'X-AspNet-Version'],
  ['x-aspnetmvc-version', 'X-AspNetMvc-Version'],
  ['x-generator', 'X-Generator'],
  ['x-runtime', 'X-Runtime'],
  ['x-version', 'X-Version'],
  ['x-powered-cms', 'X-Powered-CMS'],
  ['x-server-powered-by', 'X-Server-Powered-By'],
  ['x-mod-pagespeed', 'X-Mod-Pagespeed'],
  ['x-page-speed', 'X-Page-Speed'],
  ['x-owa-version', 'X-OWA-Version'],
  ['microsoftsharepointteamservices', 'MicrosoftSharePointTeamServices'],
  ['liferay-portal', 'Liferay-Portal'],
  ['x-redirect-by', 'X-Redirect-By'],
  ['x-drupal-cache', 'X-Drupal-Cache'],
  ['x-drupal-dynamic-cache', 'X-Drupal-Dynamic-Cache'],
]);

/** Headers whose whole value is a version number. */
const VERSION_HEADERS = new Set([
  'x-aspnet-version',
  'x-aspnetmvc-version',
  'x-version',
  'x-owa-version',
  'microsoftsharepointteamservices',
]);

/** Headers whose presence reveals the software but whose value is no version. */
const PRODUCT_ONLY_HEADERS = new Map([
  ['x-runtime', 'reveals Ruby on Rails or another Rack application'],
  ['x-drupal-cache', 'reveals Drupal'],
  ['x-drupal-dynamic-cache', 'reveals Drupal'],
]);

/** `product/1`, `product/v2` (RFC 9110 product tokens) or a dotted number like `4.0.30319`. */
const VERSION_PATTERN = /\/\s*v?\d|(?:^|[^\w.])v?\d+\.\d+/i;

export interface DisclosedHeader {
  name: string;
  value: string;
  version: boolean;
}

export function findDisclosedHeaders(headers: HeaderList): DisclosedHeader[] {
  const disclosed: DisclosedHeader[] = [];
  for (const [lineName, value] of headers.lines) {
    const name = DISCLOSING_HEADERS.get(lineName);
    const trimmed = value.trim();
    if (name === undefined || trimmed.length === 0) {
      continue;
    }

    const version =
      VERSION_HEADERS.has(lineName) ||
      (!PRODUCT_ONLY_HEADERS.has(lineName) && VERSION_PATTERN.test(trimmed));
    disclosed.push({ name, value: trimmed, version });
  }
  return disclosed;
}

export function describeDisclosedHeader(header: DisclosedHeader): string {
  const reveals = PRODUCT_ONLY_HEADERS.get(header.name.toLowerCase());
  const suffix = reveals === undefined ? '' : ` (${reveals})`;
  return `${header.name}: ${quote(header.value)}${suffix}`;
}
