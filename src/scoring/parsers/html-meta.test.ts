import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeCharacterReferences, extractMetaHttpEquiv } from './html-meta';

// Sources: HTML Standard, tokenization (attributes, raw text, comments) and the "in head",
// "after head" and "in body" insertion modes, which decide whether a <meta> is in <head>.
describe('extractMetaHttpEquiv', () => {
  test.each([
    {
      html: `<meta http-equiv="Content-Security-Policy" content="default-src 'self'">`,
      expected: {
        httpEquiv: 'content-security-policy',
        content: "default-src 'self'",
        inHead: true,
      },
      source: 'double-quoted attributes',
    },
    {
      html: `<META CONTENT='script-src "x"' HTTP-EQUIV=' Content-Security-Policy '>`,
      expected: { httpEquiv: 'content-security-policy', content: 'script-src "x"', inHead: true },
      source: 'any order and case, single quotes, trimmed http-equiv',
    },
    {
      html: `<meta http-equiv=content-security-policy content=default-src/>`,
      expected: { httpEquiv: 'content-security-policy', content: 'default-src/', inHead: true },
      source: 'unquoted values run to whitespace or >',
    },
    {
      html: `<meta http-equiv="x" http-equiv="content-security-policy" content="a">`,
      expected: { httpEquiv: 'x', content: 'a', inHead: true },
      source: 'a repeated attribute is dropped, the first wins',
    },
    {
      html: `<meta http-equiv="content-security-policy" content="script-src &#39;self&#39; &quot;x&quot; &amp;">`,
      expected: {
        httpEquiv: 'content-security-policy',
        content: `script-src 'self' "x" &`,
        inHead: true,
      },
      source: 'character references are decoded',
    },
    {
      html: `<meta http-equiv="content-security-policy">`,
      expected: { httpEquiv: 'content-security-policy', content: null, inHead: true },
      source: 'no content attribute',
    },
  ])('reads $html ($source)', ({ html, expected }) => {
    expect(extractMetaHttpEquiv(html)).toEqual([expected]);
  });

  test.each([
    {
      html: '<!doctype html><html><head><meta http-equiv=a></head><body>',
      inHead: true,
      source: 'in head',
    },
    {
      html: '<html><head></head><meta http-equiv=a><body>',
      inHead: true,
      source: 'after head still goes into head',
    },
    {
      html: '<title>x</title>\n<link rel=x><meta http-equiv=a>',
      inHead: true,
      source: 'implied head',
    },
    { html: '<body><meta http-equiv=a>', inHead: false, source: 'in body' },
    { html: '<div></div><meta http-equiv=a>', inHead: false, source: 'an element starts the body' },
    { html: 'text<meta http-equiv=a>', inHead: false, source: 'text starts the body' },
    { html: '<head></body><meta http-equiv=a>', inHead: false, source: '</body> leaves the head' },
  ])('places the meta of $html in head: $inHead ($source)', ({ html, inHead }) => {
    expect(extractMetaHttpEquiv(html).map((meta) => meta.inHead)).toEqual([inHead]);
  });

  test.each([
    { html: '<!-- <meta http-equiv=a> -->', source: 'comment' },
    { html: '<script>"<meta http-equiv=a>"</script>', source: 'script text' },
    {
      html: '<script/>"<meta http-equiv=a>"</script>',
      source: 'a self-closing script still contains text',
    },
    { html: '<noscript><meta http-equiv=a></noscript>', source: 'noscript with scripting on' },
    { html: '<template><meta http-equiv=a></template>', source: 'template content' },
    { html: '<textarea><meta http-equiv=a></textarea>', source: 'textarea text' },
    { html: '<meta name="x" content="y">', source: 'a meta without http-equiv' },
  ])('skips a meta in $source', ({ html }) => {
    expect(extractMetaHttpEquiv(html)).toEqual([]);
  });

  test('extractMetaHttpEquiv reads past a script end tag in another case', () => {
    const html = '<SCRIPT>x</Script ><meta http-equiv=a>';

    expect(extractMetaHttpEquiv(html)).toHaveLength(1);
  });

  test('extractMetaHttpEquiv returns a list for any string', () => {
    fc.assert(
      fc.property(fc.string(), (html) => {
        expect(Array.isArray(extractMetaHttpEquiv(html))).toBe(true);
      }),
    );
  });

  test('extractMetaHttpEquiv returns a list for tag soup', () => {
    const soup = fc.array(
      fc.constantFrom(
        '<',
        '>',
        '"',
        "'",
        '=',
        ' ',
        '/',
        '!--',
        '-->',
        'meta',
        'http-equiv',
        'script',
        'a',
      ),
    );
    fc.assert(
      fc.property(soup, (parts) => {
        expect(Array.isArray(extractMetaHttpEquiv(parts.join('')))).toBe(true);
      }),
    );
  });

  test('extractMetaHttpEquiv reads 1 MB of markup quickly', () => {
    const html = '<head>' + '<link rel=a x="y">'.repeat(60_000) + '<meta http-equiv=a content="b">';
    const started = performance.now();

    expect(extractMetaHttpEquiv(html)).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test('extractMetaHttpEquiv survives an unclosed comment and attribute', () => {
    expect(extractMetaHttpEquiv('<meta http-equiv="a' + 'x'.repeat(1_000_000))).toHaveLength(1);
    expect(extractMetaHttpEquiv('<!--' + '<meta http-equiv=a>'.repeat(50_000))).toEqual([]);
  });
});

describe('decodeCharacterReferences', () => {
  test.each([
    ['&#39;', "'"],
    ['&#x27;', "'"],
    ['&#X27', "'"],
    ['&apos;&quot;&lt;&gt;&amp;', `'"<>&`],
    ['&amp', '&amp'],
    ['&hellip;', '&hellip;'],
    ['&#0;', '\ufffd'],
    ['&#xD800;', '\ufffd'],
    ['&#99999999999;', '\ufffd'],
  ])('decodes %j as %j', (input, output) => {
    expect(decodeCharacterReferences(input)).toBe(output);
  });
});
