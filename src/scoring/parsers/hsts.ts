// Parses `Strict-Transport-Security` as RFC 6797 §6.1 defines it, and picks the header
// line that a browser would act on (RFC 6797 §8.1).

/** The HSTS policy a browser takes from a response. */
export type HstsPolicy =
  | {
      state: 'missing';
      /** `absent`: no header line; `plain-http`: lines received over HTTP, which browsers ignore. */
      reason: 'absent' | 'plain-http';
    }
  | { state: 'invalid'; reason: string; value: string }
  | {
      state: 'valid';
      value: string;
      /** Seconds, capped at `Number.MAX_SAFE_INTEGER` so a huge value stays a usable number. */
      maxAge: number;
      includeSubDomains: boolean;
      preload: boolean;
      /** Directive names a browser skips, lower-cased, such as a misspelt `includesubdomain`. */
      unknownDirectives: string[];
    };

export interface HstsHeaderOptions {
  /** True when the response came over HTTPS. Browsers ignore the header on plain HTTP. */
  https: boolean;
}

/**
 * Returns the policy set by a response's `Strict-Transport-Security` lines: only the first
 * line counts (RFC 6797 §8.1), and none counts on a plain-HTTP response (RFC 6797 §8.1).
 */
export function parseHstsHeader(lines: readonly string[], options: HstsHeaderOptions): HstsPolicy {
  const first = lines[0];
  if (first === undefined) {
    return { state: 'missing', reason: 'absent' };
  }
  if (!options.https) {
    return { state: 'missing', reason: 'plain-http' };
  }
  return parseHstsValue(first);
}

// RFC 7230 §3.2.6 tchar: the characters a token may contain.
const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const OWS = new Set([' ', '\t']);

/** RFC 6797 §6.1.1: every policy needs `max-age`. */
const REQUIRED_DIRECTIVE = 'max-age';

/**
 * Parses one `Strict-Transport-Security` value. A value that breaks the grammar of
 * RFC 6797 §6.1 sets no policy, so it comes back `invalid` with the reason.
 */
export function parseHstsValue(value: string): HstsPolicy {
  const directives = new Map<string, { value: string | undefined; quoted: boolean }>();
  let position = 0;

  const invalid = (reason: string): HstsPolicy => ({ state: 'invalid', reason, value });
  const skipWhitespace = (): void => {
    while (position < value.length && OWS.has(value.charAt(position))) {
      position += 1;
    }
  };
  const readToken = (): string => {
    const start = position;
    while (position < value.length && TCHAR.test(value.charAt(position))) {
      position += 1;
    }
    return value.slice(start, position);
  };

  while (position < value.length) {
    skipWhitespace();
    if (position >= value.length) {
      break;
    }
    // The grammar allows empty directives: `max-age=1;;includeSubDomains`.
    if (value.charAt(position) === ';') {
      position += 1;
      continue;
    }

    const name = readToken();
    if (name === '') {
      return invalid(`unexpected character ${describeCharacter(value, position)}`);
    }
    const key = name.toLowerCase();
    // NOTE: RFC 6797 §6.1 forbids repeating any directive. Chromium rejects only a repeated
    // max-age or includeSubDomains, so a repeated unknown directive is stricter here than there.
    if (directives.has(key)) {
      return invalid(`the directive "${excerpt(name)}" appears more than once`);
    }

    skipWhitespace();
    let directiveValue: string | undefined;
    let quoted = false;
    if (value.charAt(position) === '=') {
      position += 1;
      skipWhitespace();
      if (value.charAt(position) === '"') {
        const end = findQuotedStringEnd(value, position);
        if (end === -1) {
          return invalid(`the quoted value of "${excerpt(name)}" has no closing quote`);
        }
        directiveValue = unquote(value.slice(position + 1, end));
        quoted = true;
        position = end + 1;
      } else {
        directiveValue = readToken();
        if (directiveValue === '') {
          return invalid(`the directive "${excerpt(name)}" has "=" but no value`);
        }
      }
      skipWhitespace();
    }

    if (position < value.length && value.charAt(position) !== ';') {
      return invalid(
        `unexpected character ${describeCharacter(value, position)} after "${excerpt(name)}"`,
      );
    }
    directives.set(key, { value: directiveValue, quoted });
    position += 1;
  }

  return policyFromDirectives(directives, invalid, value);
}

function policyFromDirectives(
  directives: ReadonlyMap<string, { value: string | undefined; quoted: boolean }>,
  invalid: (reason: string) => HstsPolicy,
  value: string,
): HstsPolicy {
  const maxAge = directives.get(REQUIRED_DIRECTIVE);
  if (maxAge === undefined) {
    return invalid('the required directive "max-age" is missing');
  }
  if (maxAge.value === undefined) {
    return invalid('"max-age" has no value');
  }
  // RFC 6797 §6.1.1: max-age-value = delta-seconds = 1*DIGIT, optionally quoted.
  if (!/^[0-9]+$/.test(maxAge.value)) {
    return invalid(`"max-age" value "${excerpt(maxAge.value)}" is not a whole number of seconds`);
  }

  // RFC 6797 §6.1.2: includeSubDomains is valueless, and Chromium rejects it with a value.
  const includeSubDomains = directives.get('includesubdomains');
  if (includeSubDomains?.value !== undefined) {
    return invalid(
      `"includeSubDomains" takes no value, but received "${excerpt(includeSubDomains.value)}"`,
    );
  }

  // `preload` is not in RFC 6797: browsers skip it, and the preload list wants it valueless.
  const preload = directives.get('preload');
  const known = new Set([REQUIRED_DIRECTIVE, 'includesubdomains', 'preload']);

  return {
    state: 'valid',
    value,
    maxAge: parseDeltaSeconds(maxAge.value),
    includeSubDomains: includeSubDomains !== undefined,
    preload: preload !== undefined && preload.value === undefined,
    unknownDirectives: [...directives.keys()].filter((name) => !known.has(name)),
  };
}

/**
 * Converts a string of digits to seconds without overflowing: any value above
 * `Number.MAX_SAFE_INTEGER` becomes that maximum. Chromium stores at most one year anyway.
 */
function parseDeltaSeconds(digits: string): number {
  const significant = digits.replace(/^0+(?=\d)/, '');
  if (significant.length > 15) {
    return Number.MAX_SAFE_INTEGER;
  }
  return Math.min(Number(significant), Number.MAX_SAFE_INTEGER);
}

/**
 * Returns the index of the quote that closes the quoted-string opening at `start`, or -1.
 * RFC 7230 §3.2.6: qdtext excludes `"`, `\` and control characters; `\` escapes one character.
 */
function findQuotedStringEnd(value: string, start: number): number {
  for (let index = start + 1; index < value.length; index += 1) {
    const character = value.charAt(index);
    if (character === '\\') {
      index += 1;
    } else if (character === '"') {
      return index;
    } else if (isControlCharacter(character)) {
      return -1;
    }
  }
  return -1;
}

function unquote(content: string): string {
  return content.replace(/\\(.)/g, '$1');
}

function isControlCharacter(character: string): boolean {
  const code = character.charCodeAt(0);
  return (code < 0x20 && character !== '\t') || code === 0x7f;
}

/** Shortens a name or value quoted inside a reason, so a huge header keeps a short reason. */
function excerpt(text: string, maxLength = 40): string {
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}

function describeCharacter(value: string, position: number): string {
  const character = value.charAt(position);
  const code = character.charCodeAt(0);
  const printable =
    code < 0x20 || code === 0x7f ? `U+${code.toString(16).padStart(4, '0')}` : character;
  return `"${printable}" at position ${position + 1}`;
}
