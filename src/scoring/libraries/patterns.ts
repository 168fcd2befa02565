// Compiles the retire.js database's regular expressions with bounded repetition, so a
// hostile script body cannot make one match run for minutes.

/**
 * The regular expression retire.js substitutes for the `§§version§§` placeholder
 * (`[0-9][0-9.a-z_\-]+` in its `replaceVersion`), with the repetition capped.
 */
export const VERSION_PATTERN = '[0-9][0-9.a-z_\\-]{1,64}';

/**
 * The cap on every unbounded `*`, `+` and `{n,}` in a database pattern, so a pattern
 * such as `(.*\n)*.*\.ui\.dialog` cannot scan the whole body again from every start
 * position.
 */
export const MAX_REPETITION = 256;

const PLACEHOLDER = '§§version§§';

/**
 * Rewrites the unbounded quantifiers of a pattern source (outside character classes and
 * escapes) into bounded ones: `*` becomes `{0,MAX}`, `+` becomes `{1,MAX}` and `{n,}`
 * becomes `{n,MAX}`. Lazy quantifiers keep their `?`.
 */
export function boundRepetition(source: string, max = MAX_REPETITION): string {
  let output = '';
  let inClass = false;

  for (let index = 0; index < source.length; index += 1) {
    const char = source.charAt(index);

    if (char === '\\') {
      output += source.slice(index, index + 2);
      index += 1;
      continue;
    }
    if (inClass) {
      inClass = char !== ']';
      output += char;
      continue;
    }
    if (char === '[') {
      inClass = true;
      output += char;
      continue;
    }
    if (char === '*') {
      output += `{0,${max}}`;
      continue;
    }
    if (char === '+') {
      output += `{1,${max}}`;
      continue;
    }
    if (char === '{') {
      const open = /^\{(\d+),\}/.exec(source.slice(index));
      if (open?.[1] !== undefined) {
        output += `{${open[1]},${Math.max(max, Number(open[1]))}}`;
        index += open[0].length - 1;
        continue;
      }
    }
    output += char;
  }
  return output;
}

/** Returns a global regular expression for a database pattern, or null when it does not compile. */
export function compilePattern(source: string): RegExp | null {
  const expanded = source.split(PLACEHOLDER).join(`(?:${VERSION_PATTERN})`);
  try {
    return new RegExp(boundRepetition(expanded), 'g');
  } catch {
    return null;
  }
}

/**
 * A `filecontentreplace` entry: a pattern and the replacement that builds the version
 * from its groups, written `/pattern/replacement/` as in retire.js.
 */
export interface ReplacePattern {
  regex: RegExp;
  replacement: string;
}

export function compileReplacePattern(entry: string): ReplacePattern | null {
  const parts = /^\/(.*[^\\])\/([^/]+)\/$/s.exec(entry);
  if (parts?.[1] === undefined || parts[2] === undefined) {
    return null;
  }
  const regex = compilePattern(parts[1]);
  return regex === null ? null : { regex, replacement: parts[2] };
}

/** Expands `$1` to `$9` and `$&` in a replacement with the groups of a match. */
export function expandReplacement(replacement: string, match: RegExpExecArray): string {
  return replacement.replace(/\$(\d|&)/g, (_token, group: string) =>
    group === '&' ? match[0] : (match[Number(group)] ?? ''),
  );
}
