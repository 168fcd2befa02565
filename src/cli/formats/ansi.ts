// ANSI colours for the text format, applied only when the caller asks for them.

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
} as const;

export type Style = keyof typeof CODES;

export type Paint = (style: Style, text: string) => string;

export function createPaint(enabled: boolean): Paint {
  if (!enabled) {
    return (_style, text) => text;
  }
  return (style, text) => `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m`;
}

/**
 * Decides whether to colour output: only on a terminal, and never when `NO_COLOR` is set
 * to a non-empty value (the convention at no-color.org).
 */
export function shouldColour(
  isTTY: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  return isTTY === true && (env.NO_COLOR ?? '') === '';
}
