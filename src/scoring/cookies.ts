// The cookies the three cookie checks grade: every `Set-Cookie` line of the final response,
// plus the browser's cookie jar, which also contains cookies set by scripts or earlier responses.

import type { CheckContext } from './check';
import { classifyCookieName, type CookieKind } from './cookie-names';
import {
  browserRejections,
  defaultPath,
  isDeletion,
  parseCookieDate,
  parseSetCookie,
  type ParsedSetCookie,
  type SameSite,
} from './parsers/set-cookie';
import type { BrowserCookie } from './types';

/** One cookie as graded, from its `Set-Cookie` line when there is one, else from the jar. */
export interface GradedCookie {
  name: string;
  kind: CookieKind;
  /** `set-cookie`: a line of the final response; `cookie-jar`: only in the browser's jar. */
  source: 'set-cookie' | 'cookie-jar';
  /** For a `set-cookie` cookie: whether the jar contains it too. */
  inJar: boolean;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSite;
  /** The received `SameSite` value when the browser does not recognise it. */
  unrecognisedSameSite?: string;
  /** True for a line that deletes the cookie: expired, or `Max-Age` of zero or less. */
  deletion: boolean;
  /** The reasons the browser would not store the cookie; empty when it would. */
  rejections: string[];
  /** The `Set-Cookie` line as received. */
  line?: string;
}

/** Lists every cookie of the response and the jar, in the order received, lines first. */
export function collectCookies(context: CheckContext): GradedCookie[] {
  const { record, headers, url, options } = context;
  const lines = (record.setCookies ?? headers.all('set-cookie'))
    .flatMap((line) => String(line).split('\n'))
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '');
  const now = responseTime(context);
  // Chromium and Firefox treat http://localhost as a secure origin for cookies.
  const secureOrigin = context.https || (url !== null && context.developmentHost);

  const fromLines = lines.map((line): { parsed: ParsedSetCookie; graded: GradedCookie } => {
    const parsed = parseSetCookie(line);
    return {
      parsed,
      graded: {
        name: parsed.name,
        kind: classifyCookieName(parsed.name, options),
        source: 'set-cookie',
        inJar: false,
        secure: parsed.secure,
        httpOnly: parsed.httpOnly,
        sameSite: parsed.sameSite ?? 'default',
        ...(parsed.sameSite === 'default' && parsed.sameSiteValue !== undefined
          ? { unrecognisedSameSite: parsed.sameSiteValue }
          : {}),
        deletion: isDeletion(parsed, now),
        rejections: browserRejections(parsed, { url, secureOrigin }),
        line,
      },
    };
  });

  const fromJar: GradedCookie[] = [];
  for (const jarCookie of Array.isArray(record.cookies) ? record.cookies : []) {
    const match = fromLines.find(({ parsed }) => sameCookie(parsed, jarCookie, url));
    if (match) {
      match.graded.inJar = true;
      continue;
    }
    fromJar.push(gradeJarCookie(jarCookie, context));
  }

  return [...fromLines.map(({ graded }) => graded), ...fromJar];
}

function gradeJarCookie(cookie: BrowserCookie, context: CheckContext): GradedCookie {
  return {
    name: String(cookie.name),
    kind: classifyCookieName(String(cookie.name), context.options),
    source: 'cookie-jar',
    inJar: true,
    secure: cookie.secure === true,
    httpOnly: cookie.httpOnly === true,
    sameSite: jarSameSite(cookie.sameSite),
    deletion: false,
    rejections: [],
  };
}

function jarSameSite(value: BrowserCookie['sameSite']): SameSite {
  switch (value) {
    case 'strict':
      return 'strict';
    case 'lax':
      return 'lax';
    case 'no_restriction':
      return 'none';
    default:
      return 'default';
  }
}

/**
 * Reports whether a jar cookie is the one a `Set-Cookie` line stored: the same name, domain
 * and path as the browser computes them (RFC 6265bis §5.7). Without a URL only names count.
 */
function sameCookie(parsed: ParsedSetCookie, jarCookie: BrowserCookie, url: URL | null): boolean {
  if (parsed.name !== jarCookie.name) {
    return false;
  }
  if (url === null) {
    return true;
  }
  const lineDomain = parsed.domain ?? url.hostname.toLowerCase();
  const jarDomain = String(jarCookie.domain).toLowerCase().replace(/^\./, '');
  const linePath = parsed.path === undefined || parsed.path === '' ? defaultPath(url) : parsed.path;
  return lineDomain === jarDomain && linePath === jarCookie.path;
}

/**
 * Returns the time a deletion is judged against: the response's `Date` header when it
 * parses, so recorded responses are graded as of when they were received, else now.
 */
function responseTime(context: CheckContext): number {
  const date = context.headers.first('date');
  const parsed = date === undefined ? undefined : parseCookieDate(date);
  return parsed ?? Date.now();
}

/** Describes where a cookie came from, for the evidence. */
export function describeSource(cookie: GradedCookie): string {
  if (cookie.source === 'cookie-jar') {
    return 'cookie jar only: set by a script or an earlier response';
  }
  return cookie.inJar ? 'Set-Cookie line, also in the cookie jar' : 'Set-Cookie line';
}

/**
 * Describes one cookie for the evidence: its name, where it came from, what it lacks, and
 * why a browser rejects it.
 */
export function describeCookie(cookie: GradedCookie, lacks: readonly string[]): string {
  const name = cookie.name === '' ? '(empty name)' : shorten(cookie.name);
  const origin = describeSource(cookie) + (cookie.deletion ? ', a deletion' : '');
  const state = lacks.length === 0 ? 'has what it needs' : `lacks ${lacks.join(', ')}`;
  const rejected =
    cookie.rejections.length === 0 ? '' : `; browsers reject it: ${cookie.rejections.join(', ')}`;
  return `${name} (${origin}): ${state}${rejected}`;
}

/** Names what a cookie's `SameSite` lacks when it is not `Lax` or `Strict`, or undefined. */
export function describeWeakSameSite(cookie: GradedCookie): string | undefined {
  if (cookie.sameSite === 'lax' || cookie.sameSite === 'strict') {
    return undefined;
  }
  if (cookie.sameSite === 'none') {
    return 'SameSite=Lax or Strict (has SameSite=None)';
  }
  return describeMissingSameSite(cookie);
}

/** Names the missing `SameSite` of a cookie whose attribute is absent or unrecognised. */
export function describeMissingSameSite(cookie: GradedCookie): string {
  if (cookie.unrecognisedSameSite !== undefined) {
    return `SameSite (the value "${cookie.unrecognisedSameSite}" is not recognised)`;
  }
  return 'SameSite';
}

/** Builds the note for a development host where some cookie lacks `Secure`. */
export function developmentSecureNote(names: readonly string[]): string {
  return `This would fail in production unchanged: ${names.join(', ')} ${names.length === 1 ? 'lacks' : 'lack'} Secure, which this development host does not require.`;
}

/**
 * Returns the `Set-Cookie` line with its value replaced by `…`, so a report never repeats
 * a session token, or a description of a jar cookie.
 */
export function redactedCookie(cookie: GradedCookie): string {
  if (cookie.line === undefined) {
    return `${cookie.name} (in the cookie jar)`;
  }
  const separator = cookie.line.indexOf(';');
  const pair = separator === -1 ? cookie.line : cookie.line.slice(0, separator);
  const attributes = separator === -1 ? '' : cookie.line.slice(separator);
  const equals = pair.indexOf('=');
  const value = equals === -1 ? pair : pair.slice(equals + 1);
  const hidden = value.trim() === '' ? pair : `${equals === -1 ? '' : pair.slice(0, equals + 1)}…`;
  return `${hidden}${attributes}`;
}

/** Shortens a cookie name for the evidence: a name may be up to 4096 bytes long. */
function shorten(text: string, maxLength = 100): string {
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}
