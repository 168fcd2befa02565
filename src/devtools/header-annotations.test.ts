import { expect, test } from 'vitest';

import { checksOfHeader } from './header-annotations';

test.each([
  ['Strict-Transport-Security', 'max-age=31536000', ['hsts']],
  ['content-security-policy', "frame-ancestors 'none'", ['csp', 'frame-options', 'mixed-content']],
  ['X-Content-Type-Options', 'nosniff', ['content-type-options']],
  ['Access-Control-Allow-Origin', '*', ['cors']],
  ['Server', 'nginx/1.25.3', ['information-disclosure']],
  ['Feature-Policy', "camera 'none'", ['deprecated-headers']],
  ['X-XSS-Protection', '1; mode=block', ['deprecated-headers']],
  ['Set-Cookie', 'sessionid=abc; Secure', ['session-cookie']],
  ['Set-Cookie', 'csrftoken=abc; Secure', ['csrf-cookie']],
  ['Set-Cookie', 'theme=dark', ['cookies']],
  ['Content-Type', 'text/html', []],
])('header %s affects the right checks', (name, value, expected) => {
  expect(checksOfHeader(name, value, {})).toEqual(expected);
});

test('cookie names from the options count as session cookies', () => {
  expect(checksOfHeader('set-cookie', 'shop=abc', { sessionCookieNames: ['shop'] })).toEqual([
    'session-cookie',
  ]);
});
