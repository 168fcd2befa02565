// Finds `<meta http-equiv>` elements in document markup without a DOM, so the grader runs in
// Node and in the service worker alike. It follows the HTML tokenizer closely enough for
// attributes in any order and case, quoted or not, and skips comments and raw-text elements.

export interface MetaHttpEquiv {
  /** The `http-equiv` value, trimmed and lowercased. */
  httpEquiv: string;
  /** The `content` value with character references decoded, or null when absent. */
  content: string | null;
  /**
   * True when the HTML parser puts the element in `<head>`. Browsers apply a CSP `<meta>`
   * only there (HTML Standard, the `http-equiv` "Content security policy" state).
   */
  inHead: boolean;
}

/** Elements whose start tag keeps the parser in `<head>`; any other element starts the body. */
const HEAD_ELEMENTS: ReadonlySet<string> = new Set([
  'html',
  'head',
  'base',
  'basefont',
  'bgsound',
  'link',
  'meta',
  'noframes',
  'noscript',
  'script',
  'style',
  'template',
  'title',
]);

/**
 * Elements whose content is text up to their end tag. `noscript` is raw text because
 * browsers run with scripting enabled; a `template`'s content is skipped because it is
 * not part of the document.
 */
const RAW_TEXT_ELEMENTS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'title',
  'textarea',
  'noscript',
  'noframes',
  'noembed',
  'iframe',
  'xmp',
  'template',
]);

/** Returns every `<meta>` with an `http-equiv` attribute, in document order. */
export function extractMetaHttpEquiv(html: string): MetaHttpEquiv[] {
  const found: MetaHttpEquiv[] = [];
  // Lowercasing only ASCII letters keeps every index of `lower` valid in `html`.
  const lower = html.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  let inHead = true;
  let position = 0;

  while (position < html.length) {
    const open = html.indexOf('<', position);
    const textEnd = open === -1 ? html.length : open;
    if (inHead && hasNonWhitespace(html, position, textEnd)) {
      inHead = false;
    }
    if (open === -1) {
      break;
    }

    const next = html[open + 1] ?? '';
    if (lower.startsWith('<!--', open)) {
      position = skipPast(lower, '-->', open + 4);
      continue;
    }
    if (next === '!' || next === '?') {
      position = skipPast(lower, '>', open + 2);
      continue;
    }
    if (next === '/') {
      if (!isAsciiLetter(html[open + 2])) {
        // `</>` is dropped and `</` before anything else opens a bogus comment.
        position = skipPast(lower, '>', open + 2);
        continue;
      }
      // After `</head>` a `<meta>` still goes into the head, so only these end it.
      const tag = readTag(html, lower, open + 2);
      if (tag.name === 'body' || tag.name === 'html') {
        inHead = false;
      }
      position = tag.end;
      continue;
    }
    if (!isAsciiLetter(next)) {
      // A lone `<` is text.
      if (inHead) {
        inHead = false;
      }
      position = open + 1;
      continue;
    }

    const tag = readTag(html, lower, open + 1);
    position = tag.end;
    if (!HEAD_ELEMENTS.has(tag.name)) {
      inHead = false;
    }
    if (tag.name === 'meta') {
      const httpEquiv = tag.attributes.get('http-equiv');
      if (httpEquiv !== undefined) {
        found.push({
          httpEquiv: httpEquiv.trim().toLowerCase(),
          content: tag.attributes.get('content') ?? null,
          inHead,
        });
      }
    } else if (tag.name === 'plaintext') {
      break;
    } else if (RAW_TEXT_ELEMENTS.has(tag.name)) {
      // A trailing `/` does not close these elements in HTML: their content still follows.
      position = skipRawText(lower, tag.name, position);
    }
  }
  return found;
}

interface Tag {
  name: string;
  attributes: Map<string, string>;
  /** Index just past the closing `>`, or the input's end. */
  end: number;
}

/** Reads a tag name and its attributes from `start`, the first character of the name. */
function readTag(html: string, lower: string, start: number): Tag {
  let position = start;
  while (position < html.length && !isTagNameEnd(html[position])) {
    position++;
  }
  const name = lower.slice(start, position);
  const attributes = new Map<string, string>();

  while (position < html.length) {
    while (position < html.length && (isHtmlWhitespace(html[position]) || html[position] === '/')) {
      position++;
    }
    if (position >= html.length || html[position] === '>') {
      break;
    }

    const nameStart = position;
    position++; // The first character may be `=`, which then belongs to the name.
    while (position < html.length && !isAttributeNameEnd(html[position])) {
      position++;
    }
    const attributeName = lower.slice(nameStart, position);

    while (position < html.length && isHtmlWhitespace(html[position])) {
      position++;
    }
    let value = '';
    if (html[position] === '=') {
      position++;
      while (position < html.length && isHtmlWhitespace(html[position])) {
        position++;
      }
      const quote = html[position];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, position + 1);
        const valueEnd = close === -1 ? html.length : close;
        value = html.slice(position + 1, valueEnd);
        position = valueEnd + 1;
      } else {
        const valueStart = position;
        while (
          position < html.length &&
          !isHtmlWhitespace(html[position]) &&
          html[position] !== '>'
        ) {
          position++;
        }
        value = html.slice(valueStart, position);
      }
    }
    // The HTML tokenizer drops a repeated attribute: the first one wins.
    if (!attributes.has(attributeName)) {
      attributes.set(attributeName, decodeCharacterReferences(value));
    }
  }

  return { name, attributes, end: Math.min(position + 1, html.length) };
}

/** Returns the index past the end tag of a raw-text element, or the input's end. */
function skipRawText(lower: string, name: string, from: number): number {
  const endTag = `</${name}`;
  let search = from;
  for (;;) {
    const index = lower.indexOf(endTag, search);
    if (index === -1) {
      return lower.length;
    }
    const after = lower[index + endTag.length];
    if (after === undefined || isTagNameEnd(after)) {
      return skipPast(lower, '>', index + endTag.length);
    }
    search = index + endTag.length;
  }
}

function skipPast(text: string, marker: string, from: number): number {
  const index = text.indexOf(marker, from);
  return index === -1 ? text.length : index + marker.length;
}

const NAMED_REFERENCES: Readonly<Record<string, string>> = {
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
};

/**
 * Decodes numeric character references and the named ones that appear in policies
 * (`&amp;`, `&quot;`, `&apos;`, `&lt;`, `&gt;`, `&nbsp;`).
 */
// NOTE: other named references (HTML defines over 2,000) stay undecoded. A policy that
// spells a quote or a semicolon with one of them is read with the reference as text.
export function decodeCharacterReferences(value: string): string {
  if (!value.includes('&')) {
    return value;
  }
  return value.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]{2,6});?/g, (match, body: string) => {
    if (body.startsWith('#')) {
      const hex = body[1] === 'x' || body[1] === 'X';
      const codePoint = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      const valid =
        codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
      return valid ? String.fromCodePoint(codePoint) : '\ufffd';
    }
    if (match.endsWith(';') && Object.hasOwn(NAMED_REFERENCES, body)) {
      return NAMED_REFERENCES[body] ?? match;
    }
    return match;
  });
}

function hasNonWhitespace(text: string, from: number, to: number): boolean {
  for (let index = from; index < to; index++) {
    if (!isHtmlWhitespace(text[index])) {
      return true;
    }
  }
  return false;
}

function isHtmlWhitespace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\f' || char === '\r';
}

function isAsciiLetter(char: string | undefined): boolean {
  return char !== undefined && /^[A-Za-z]$/.test(char);
}

function isTagNameEnd(char: string | undefined): boolean {
  return char === undefined || isHtmlWhitespace(char) || char === '/' || char === '>';
}

function isAttributeNameEnd(char: string | undefined): boolean {
  return isTagNameEnd(char) || char === '=';
}
