// Detects the server stack that served a page, so remediation leads with its fix.

import type { HeaderList } from './headers';
import type { BrowserCookie, Stack, StackConfidence } from './types';

export interface StackDetection {
  stack: Stack;
  /** The evidence behind `stack`, absent when the stack is `unknown`. */
  confidence?: StackConfidence;
}

const DJANGO_COOKIES = ['csrftoken', 'sessionid', 'django_language'];
const EXPRESS_COOKIES = ['connect.sid'];

/**
 * Detects the stack from `Server`, `X-Powered-By` and cookie names. The application
 * framework wins over the web server in front of it, because the framework's settings
 * are the fix a developer owns: Django behind nginx is `django`.
 *
 * The stack is `confirmed` by a header or by a framework's cookie set by this response
 * (`setCookieNames`). A framework cookie found only in the browser's cookie jar makes it
 * `likely`, because another page or application on the same host may have set it.
 */
export function detectStack(
  headers: HeaderList,
  setCookieNames: readonly string[],
  jarCookies: readonly BrowserCookie[] = [],
): StackDetection {
  const setByResponse = new Set(setCookieNames);
  const inJar = new Set(jarCookies.map((cookie) => cookie.name));
  const poweredBy = headers.all('x-powered-by').join(' ').toLowerCase();
  const server = headers.all('server').join(' ').toLowerCase();

  const djangoHeader =
    poweredBy.includes('django') || server.includes('wsgiserver') || server.includes('gunicorn');
  const django = frameworkConfidence(djangoHeader, DJANGO_COOKIES, setByResponse, inJar);
  if (django !== null) {
    return { stack: 'django', confidence: django };
  }
  const express = frameworkConfidence(
    poweredBy.includes('express'),
    EXPRESS_COOKIES,
    setByResponse,
    inJar,
  );
  if (express !== null) {
    return { stack: 'express', confidence: express };
  }

  if (server.includes('caddy')) {
    return { stack: 'caddy', confidence: 'confirmed' };
  }
  if (server.includes('nginx') || server.includes('openresty')) {
    return { stack: 'nginx', confidence: 'confirmed' };
  }
  if (server.includes('apache')) {
    return { stack: 'apache', confidence: 'confirmed' };
  }
  return { stack: 'unknown' };
}

function frameworkConfidence(
  namedByHeader: boolean,
  cookieNames: readonly string[],
  setByResponse: ReadonlySet<string>,
  inJar: ReadonlySet<string>,
): StackConfidence | null {
  if (namedByHeader || cookieNames.some((name) => setByResponse.has(name))) {
    return 'confirmed';
  }
  return cookieNames.some((name) => inJar.has(name)) ? 'likely' : null;
}
