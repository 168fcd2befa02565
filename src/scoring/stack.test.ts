import { describe, expect, test } from 'vitest';

import { HeaderList } from './headers';
import { detectStack } from './stack';
import type { BrowserCookie, HeaderPair } from './types';

function jarCookie(name: string): BrowserCookie {
  return {
    name,
    domain: 'shop.example.test',
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'lax',
    hostOnly: true,
    session: true,
  };
}

describe('detectStack', () => {
  test.each<[string, HeaderPair[], string[], string[], ReturnType<typeof detectStack>]>([
    [
      'Django from X-Powered-By',
      [['x-powered-by', 'Django']],
      [],
      [],
      { stack: 'django', confidence: 'confirmed' },
    ],
    [
      'Django runserver from Server',
      [['server', 'WSGIServer/0.2 CPython/3.11.2']],
      [],
      [],
      { stack: 'django', confidence: 'confirmed' },
    ],
    [
      'Django from a sessionid the response set',
      [],
      ['sessionid'],
      [],
      { stack: 'django', confidence: 'confirmed' },
    ],
    [
      'Django from a sessionid in the jar only',
      [],
      [],
      ['sessionid'],
      { stack: 'django', confidence: 'likely' },
    ],
    [
      'Django behind nginx from a jar cookie',
      [['server', 'nginx']],
      [],
      ['csrftoken'],
      { stack: 'django', confidence: 'likely' },
    ],
    [
      'Django named by header and jar',
      [['server', 'gunicorn']],
      [],
      ['sessionid'],
      { stack: 'django', confidence: 'confirmed' },
    ],
    [
      'Express from connect.sid in the jar only',
      [],
      [],
      ['connect.sid'],
      { stack: 'express', confidence: 'likely' },
    ],
    [
      'Express from X-Powered-By',
      [['x-powered-by', 'Express']],
      [],
      [],
      { stack: 'express', confidence: 'confirmed' },
    ],
    [
      'nginx from Server',
      [['server', 'nginx/1.25.3']],
      [],
      [],
      { stack: 'nginx', confidence: 'confirmed' },
    ],
    [
      'unknown without clues',
      [['server', 'cloudflare']],
      ['theme'],
      ['theme'],
      { stack: 'unknown' },
    ],
  ])('stack %s', (_case, headers, setCookieNames, jarNames, expected) => {
    const detection = detectStack(new HeaderList(headers), setCookieNames, jarNames.map(jarCookie));
    expect(detection).toEqual(expected);
  });
});
