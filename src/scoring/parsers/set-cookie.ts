// Parses one `Set-Cookie` line with the algorithm of RFC 6265bis
// (draft-ietf-httpbis-rfc6265bis) §5.6, and lists why a browser would not store the
// cookie, following the storage model of §5.7 and Chromium where the draft leaves room.

import { getPublicSuffix } from 'tldts';

/**
 * The cookie's `SameSite` enforcement (RFC 6265bis §5.6.7). `default` means the attribute
 * was absent or its value unrecognised, so the browser applies its default.
 */
export type SameSite = 'strict' | 'lax' | 'none' | 'default';

export interface ParsedSetCookie {
  line: string;
  /** Empty for a line without `=`: the whole name-value pair is then the value. */
  name: string;
  value: string;
  /** The reason the parsing algorithm drops the whole line (control characters, size), if it does. */
  ignored?: string;
  secure: boolean;
  httpOnly: boolean;
  partitioned: boolean;
  /** Absent when no `SameSite` attribute was received. */
  sameSite?: SameSite;
  /** The last `SameSite` value as received, to quote an unrecognised one. */
  sameSiteValue?: string;
  /** The last accepted `Domain`, lower-cased and without a leading dot. */
  domain?: string;
  /**
   * The last `Path` value. An empty value or one not starting with `/` means the request's
   * default path (§5.6.4), stored here as an empty string.
   */
  path?: string;
  /** The last valid `Expires`, in milliseconds since the epoch, before the 400-day cap. */
  expires?: number;
  /** The last valid `Max-Age`, in seconds, before the 400-day cap. */
  maxAge?: number;
  /** Attributes the algorithm skipped, with the reason, such as an `Expires` that is not a date. */
  skippedAttributes: string[];
}

// RFC 6265bis §5.6: name plus value above 4096 octets drops the line; an attribute
// value above 1024 octets drops that attribute.
const MAX_NAME_VALUE_OCTETS = 4096;
const MAX_ATTRIBUTE_VALUE_OCTETS = 1024;

const encoder = new TextEncoder();

/** Parses one `Set-Cookie` line. Never throws: a line the browser drops carries the reason in `ignored`. */
export function parseSetCookie(line: string): ParsedSetCookie {
  const text = String(line);
  const separator = text.indexOf(';');
  const nameValuePair = separator === -1 ? text : text.slice(0, separator);
  const unparsedAttributes = separator === -1 ? '' : text.slice(separator);

  // Step 3: without "=", the name is empty and the whole pair is the value.
  const equals = nameValuePair.indexOf('=');
  const name = trimWhitespace(equals === -1 ? '' : nameValuePair.slice(0, equals));
  const value = trimWhitespace(equals === -1 ? nameValuePair : nameValuePair.slice(equals + 1));

  const cookie: ParsedSetCookie = {
    line: text,
    name,
    value,
    secure: false,
    httpOnly: false,
    partitioned: false,
    skippedAttributes: [],
  };

  if (hasForbiddenControl(text)) {
    cookie.ignored = 'the line contains a control character';
    return cookie;
  }
  if (octets(name) + octets(value) > MAX_NAME_VALUE_OCTETS) {
    cookie.ignored = `the name and value exceed ${MAX_NAME_VALUE_OCTETS} bytes`;
    return cookie;
  }

  for (const cookieAv of unparsedAttributes.split(';').slice(1)) {
    applyAttribute(cookie, cookieAv);
  }
  return cookie;
}

function applyAttribute(cookie: ParsedSetCookie, cookieAv: string): void {
  const equals = cookieAv.indexOf('=');
  const attributeName = trimWhitespace(equals === -1 ? cookieAv : cookieAv.slice(0, equals));
  const attributeValue = trimWhitespace(equals === -1 ? '' : cookieAv.slice(equals + 1));
  const key = attributeName.toLowerCase();

  if (octets(attributeValue) > MAX_ATTRIBUTE_VALUE_OCTETS) {
    cookie.skippedAttributes.push(
      `${attributeName.slice(0, 40)}: the value exceeds ${MAX_ATTRIBUTE_VALUE_OCTETS} bytes`,
    );
    return;
  }

  // Each case follows one subsection of RFC 6265bis §5.6. A later attribute of the same
  // kind replaces an earlier one, because the storage model reads the last one (§5.7).
  switch (key) {
    case 'expires': {
      const expires = parseCookieDate(attributeValue);
      if (expires === undefined) {
        cookie.skippedAttributes.push(`Expires: "${attributeValue}" is not a cookie date`);
      } else {
        cookie.expires = expires;
      }
      return;
    }
    case 'max-age': {
      const maxAge = parseMaxAge(attributeValue);
      if (maxAge === undefined) {
        cookie.skippedAttributes.push(`Max-Age: "${attributeValue}" is not a whole number`);
      } else {
        cookie.maxAge = maxAge;
      }
      return;
    }
    case 'domain':
      if (attributeValue === '') {
        cookie.skippedAttributes.push('Domain: the value is empty');
      } else {
        cookie.domain = attributeValue.replace(/^\./, '').toLowerCase();
      }
      return;
    case 'path':
      cookie.path = attributeValue.startsWith('/') ? attributeValue : '';
      return;
    case 'secure':
      cookie.secure = true;
      return;
    case 'httponly':
      cookie.httpOnly = true;
      return;
    case 'partitioned':
      cookie.partitioned = true;
      return;
    case 'samesite':
      cookie.sameSite = parseSameSite(attributeValue);
      cookie.sameSiteValue = attributeValue;
      return;
    default:
      // Unknown attributes are ignored (§5.6 step 7).
      return;
  }
}

function parseSameSite(value: string): SameSite {
  const lower = value.toLowerCase();
  if (lower === 'strict' || lower === 'lax' || lower === 'none') {
    return lower;
  }
  return 'default';
}

/**
 * RFC 6265bis §5.6.2: an optional `-` then digits, else the attribute is skipped. Huge
 * values stay finite: they are capped at `Number.MAX_SAFE_INTEGER` either way.
 */
function parseMaxAge(value: string): number | undefined {
  if (!/^-?[0-9]+$/.test(value)) {
    return undefined;
  }
  const negative = value.startsWith('-');
  const digits = (negative ? value.slice(1) : value).replace(/^0+(?=\d)/, '');
  const magnitude = digits.length > 15 ? Number.MAX_SAFE_INTEGER : Number(digits);
  return negative ? -magnitude : magnitude;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Parses a cookie date with the algorithm of RFC 6265bis §5.1.1, which accepts the many
 * formats servers send. Returns milliseconds since the epoch, or undefined when it fails.
 */
export function parseCookieDate(text: string): number | undefined {
  const tokens = splitDateTokens(text);
  let time: [number, number, number] | undefined;
  let dayOfMonth: number | undefined;
  let month: number | undefined;
  let year: number | undefined;

  for (const token of tokens) {
    const timeMatch = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\D|$)/.exec(token);
    if (time === undefined && timeMatch) {
      time = [Number(timeMatch[1]), Number(timeMatch[2]), Number(timeMatch[3])];
      continue;
    }
    const dayMatch = /^(\d{1,2})(?:\D|$)/.exec(token);
    if (dayOfMonth === undefined && dayMatch) {
      dayOfMonth = Number(dayMatch[1]);
      continue;
    }
    const monthIndex = MONTHS.indexOf(token.slice(0, 3).toLowerCase());
    if (month === undefined && token.length >= 3 && monthIndex !== -1) {
      month = monthIndex;
      continue;
    }
    const yearMatch = /^(\d{2,4})(?:\D|$)/.exec(token);
    if (year === undefined && yearMatch) {
      year = Number(yearMatch[1]);
    }
  }

  if (time === undefined || dayOfMonth === undefined || month === undefined || year === undefined) {
    return undefined;
  }
  if (year >= 70 && year <= 99) {
    year += 1900;
  } else if (year >= 0 && year <= 69) {
    year += 2000;
  }
  const [hour, minute, second] = time;
  if (dayOfMonth < 1 || dayOfMonth > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }

  const milliseconds = Date.UTC(year, month, dayOfMonth, hour, minute, second);
  // A day that the month lacks, such as 31 April, fails rather than rolling over.
  if (new Date(milliseconds).getUTCDate() !== dayOfMonth) {
    return undefined;
  }
  return milliseconds;
}

/**
 * Reports whether the line deletes the cookie: `Max-Age` of zero or less, or else an
 * `Expires` in the past. `Max-Age` wins over `Expires` (RFC 6265bis §5.7).
 */
export function isDeletion(cookie: ParsedSetCookie, now: number): boolean {
  if (cookie.maxAge !== undefined) {
    return cookie.maxAge <= 0;
  }
  return cookie.expires !== undefined && cookie.expires <= now;
}

export interface RejectionContext {
  /** The URL of the response that carried the line, or null when unknown. */
  url: URL | null;
  /**
   * True when the browser treats the origin as secure for cookies: HTTPS, and also plain
   * HTTP on localhost and loopback in Chromium and Firefox.
   */
  secureOrigin: boolean;
}

/**
 * Lists why a browser would not store the cookie, in the words of RFC 6265bis §5.6 and
 * §5.7 and of Chromium. An empty list means the browser stores it (or deletes the stored
 * cookie, for a deletion line).
 */
export function browserRejections(cookie: ParsedSetCookie, context: RejectionContext): string[] {
  if (cookie.ignored !== undefined) {
    return [cookie.ignored];
  }
  const reasons: string[] = [];
  const lowerName = cookie.name.toLowerCase();

  if (cookie.name === '' && cookie.value === '') {
    reasons.push('the cookie has neither a name nor a value');
  }
  if (cookie.name === '' && /^__(secure|host)-/i.test(cookie.value)) {
    reasons.push('a nameless cookie whose value starts with a cookie prefix');
  }
  if (cookie.secure && !context.secureOrigin) {
    reasons.push('Secure was set by a plain-HTTP response');
  }

  const host = context.url?.hostname.toLowerCase().replace(/\.$/, '');
  if (cookie.domain !== undefined && host !== undefined) {
    const domainProblem = checkDomain(cookie.domain, host);
    if (domainProblem !== undefined) {
      reasons.push(domainProblem);
    }
  }

  if (cookie.sameSite === 'none' && !cookie.secure) {
    reasons.push('SameSite=None without Secure');
  }
  if (lowerName.startsWith('__secure-') && !cookie.secure) {
    reasons.push('the __Secure- prefix requires Secure');
  }
  if (lowerName.startsWith('__host-')) {
    reasons.push(...hostPrefixProblems(cookie, context.url));
  }
  return reasons;
}

/** RFC 6265bis §5.7: `__Host-` needs Secure, no Domain, and a `Path` attribute that yields `/`. */
function hostPrefixProblems(cookie: ParsedSetCookie, url: URL | null): string[] {
  const problems: string[] = [];
  if (!cookie.secure) {
    problems.push('the __Host- prefix requires Secure');
  }
  if (cookie.domain !== undefined) {
    problems.push('the __Host- prefix forbids a Domain attribute');
  }
  if (cookie.path === undefined) {
    problems.push('the __Host- prefix requires Path=/');
  } else {
    const path = cookie.path === '' && url !== null ? defaultPath(url) : cookie.path;
    if (path !== '/') {
      problems.push(`the __Host- prefix requires Path=/, but the path is "${path}"`);
    }
  }
  return problems;
}

/** RFC 6265bis §5.1.4: the request path up to, not including, its last `/`, or `/`. */
export function defaultPath(url: URL): string {
  const path = url.pathname;
  if (!path.startsWith('/')) {
    return '/';
  }
  const lastSlash = path.lastIndexOf('/');
  return lastSlash <= 0 ? '/' : path.slice(0, lastSlash);
}

/** Returns why a `Domain` attribute makes the browser drop the cookie, or undefined. */
function checkDomain(domain: string, host: string): string | undefined {
  if (domain === host) {
    return undefined;
  }
  // A public suffix such as `com` or `github.io` may not carry cookies (§5.7 step 5).
  if (getPublicSuffix(domain, { allowPrivateDomains: true }) === domain) {
    return `Domain=${domain} is a public suffix`;
  }
  // §5.1.3 domain-match: the host ends with "." + domain and is not an IP address.
  const isIpAddress = /^[0-9.]+$/.test(host) || host.includes(':') || host.startsWith('[');
  if (isIpAddress || !host.endsWith(`.${domain}`)) {
    return `Domain=${domain} does not match the host ${host}`;
  }
  return undefined;
}

/** Trims SP and HTAB, the WSP of RFC 6265bis, in linear time even on huge input. */
function trimWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isWhitespace(text.charCodeAt(start))) {
    start += 1;
  }
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) {
    end -= 1;
  }
  return text.slice(start, end);
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

function octets(text: string): number {
  // Most values are ASCII, where characters and bytes agree; encode only when needed.
  for (let index = 0; index < text.length; index += 1) {
    if (text.charCodeAt(index) > 0x7f) {
      return encoder.encode(text).length;
    }
  }
  return text.length;
}

/** RFC 6265bis §5.6 step 1: a control character other than HTAB makes the browser drop the line. */
function hasForbiddenControl(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code <= 0x08 || (code >= 0x0a && code <= 0x1f) || code === 0x7f) {
      return true;
    }
  }
  return false;
}

/** Splits a cookie date into date-tokens at the delimiters of RFC 6265bis §5.1.1. */
function splitDateTokens(text: string): string[] {
  const tokens: string[] = [];
  let start = -1;
  for (let index = 0; index <= text.length; index += 1) {
    const delimiter = index === text.length || isDateDelimiter(text.charCodeAt(index));
    if (delimiter && start !== -1) {
      tokens.push(text.slice(start, index));
      start = -1;
    } else if (!delimiter && start === -1) {
      start = index;
    }
  }
  return tokens;
}

/** delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E */
function isDateDelimiter(code: number): boolean {
  return (
    code === 0x09 ||
    (code >= 0x20 && code <= 0x2f) ||
    (code >= 0x3b && code <= 0x40) ||
    (code >= 0x5b && code <= 0x60) ||
    (code >= 0x7b && code <= 0x7e)
  );
}
