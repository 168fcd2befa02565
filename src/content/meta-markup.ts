// Collects the `<meta http-equiv>` markup of a document for the grader.

/** Maximum length of the collected markup, in characters; elements past it are left out. */
export const MAX_META_MARKUP_LENGTH = 65_536;

/**
 * Returns the markup of the `<meta http-equiv>` elements that are children of `<head>`, one per
 * line, in document order. Browsers apply a `Content-Security-Policy` pragma only from a
 * `<meta>` inside `<head>` (HTML Standard, "Pragma directives"), so the others are skipped.
 */
export function collectMetaMarkup(document: Document): string {
  const lines: string[] = [];
  let length = 0;
  for (const element of document.querySelectorAll('head > meta[http-equiv]')) {
    const markup = element.outerHTML;
    if (length + markup.length > MAX_META_MARKUP_LENGTH) {
      break;
    }
    lines.push(markup);
    length += markup.length + 1;
  }
  return lines.join('\n');
}
