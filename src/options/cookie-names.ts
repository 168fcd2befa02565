// Validation of the cookie names a user types in the options.

/**
 * Characters that RFC 6265 (section 4.1.1) forbids in a cookie name besides controls and
 * non-ASCII: a cookie name is an RFC 2616 token, so it excludes these separators.
 */
const SEPARATORS = new Set([...'()<>@,;:\\"/[]?={} \t']);

export interface InvalidCookieName {
  name: string;
  /** The offending characters, each once, in order of appearance. */
  characters: string[];
}

/** Splits a list typed by the user on commas and whitespace, as `parseCookieNames` does. */
export function splitCookieNames(text: string): string[] {
  return text.split(/[\s,]+/).filter((name) => name.length > 0);
}

/** Returns the characters of `name` that a cookie-name token may not contain. */
export function invalidCookieNameCharacters(name: string): string[] {
  const invalid = [...name].filter((character) => {
    const code = character.codePointAt(0) ?? 0;
    return code <= 0x1f || code >= 0x7f || SEPARATORS.has(character);
  });
  return [...new Set(invalid)];
}

/** Returns every name in the typed list that is not a valid cookie name, with the reason. */
export function findInvalidCookieNames(text: string): InvalidCookieName[] {
  return splitCookieNames(text)
    .map((name) => ({ name, characters: invalidCookieNameCharacters(name) }))
    .filter((entry) => entry.characters.length > 0);
}

/** Shows a character so that a user can read it in a message, spelling out invisible ones. */
export function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  if (code <= 0x20 || code === 0x7f) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `“${character}”`;
}
