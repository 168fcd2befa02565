// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';

import { collectMetaMarkup, MAX_META_MARKUP_LENGTH } from './meta-markup';

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('collectMetaMarkup', () => {
  test('head pragmas are collected in order', () => {
    const document = parse(`<!doctype html><html><head>
      <meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="default-src 'self'">
      <meta name="referrer" content="no-referrer">
      <meta http-equiv="X-UA-Compatible" content="IE=edge">
      </head><body><p>text</p></body></html>`);

    expect(collectMetaMarkup(document)).toBe(
      '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">\n' +
        '<meta http-equiv="X-UA-Compatible" content="IE=edge">',
    );
  });

  test('pragma in the body is skipped', () => {
    const document = parse(`<!doctype html><html><head><title>t</title></head><body>
      <p>text</p><meta http-equiv="Content-Security-Policy" content="script-src 'none'">
      </body></html>`);

    expect(collectMetaMarkup(document)).toBe('');
  });

  test('markup stops at whole elements within the bound', () => {
    const policy = 'a'.repeat(MAX_META_MARKUP_LENGTH / 2);
    const document = parse(`<!doctype html><html><head>
      <meta http-equiv="Content-Security-Policy" content="${policy}">
      <meta http-equiv="Content-Security-Policy" content="${policy}">
      </head><body></body></html>`);

    const markup = collectMetaMarkup(document);

    expect(markup.split('\n')).toHaveLength(1);
    expect(markup.endsWith('">')).toBe(true);
  });
});
