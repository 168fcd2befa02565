// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';

import {
  collectMetaMarkup,
  collectPlainHttpRequests,
  MAX_META_MARKUP_LENGTH,
  MAX_PLAIN_HTTP_REQUESTS,
} from './page-markup';

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

describe('collectPlainHttpRequests', () => {
  test('blockable plain-http elements are listed with their request type', () => {
    const document = parse(`<!doctype html><html><head>
      <base href="http://legacy.example.test/assets/">
      <link rel="Stylesheet" href="site.css">
      <link rel="icon" href="http://legacy.example.test/favicon.ico">
      <script src="https://cdn.example.test/app.js"></script>
      <script src="http://cdn.example.test/jquery.js"></script>
      </head><body>
      <img src="http://cdn.example.test/logo.png">
      <iframe src="http://ads.example.test/slot"></iframe>
      <object data="http://cdn.example.test/movie.swf"></object>
      <embed src="http://cdn.example.test/clip.swf">
      <script src="http://cdn.example.test/jquery.js"></script>
      </body></html>`);

    expect(collectPlainHttpRequests(document)).toEqual([
      { url: 'http://cdn.example.test/jquery.js', type: 'script' },
      { url: 'http://legacy.example.test/assets/site.css', type: 'stylesheet' },
      { url: 'http://ads.example.test/slot', type: 'sub_frame' },
      { url: 'http://cdn.example.test/movie.swf', type: 'object' },
      { url: 'http://cdn.example.test/clip.swf', type: 'object' },
    ]);
  });

  test('list stops at the bound', () => {
    const scripts = Array.from(
      { length: MAX_PLAIN_HTTP_REQUESTS + 5 },
      (_, i) => `<script src="http://cdn.example.test/${i}.js"></script>`,
    ).join('');
    const document = parse(`<!doctype html><html><head>${scripts}</head><body></body></html>`);

    expect(collectPlainHttpRequests(document)).toHaveLength(MAX_PLAIN_HTTP_REQUESTS);
  });
});
