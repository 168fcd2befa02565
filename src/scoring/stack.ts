// Detects the server stack that served a page, so remediation leads with its fix.

import type { HeaderList } from './headers';
import type { BrowserCookie, Stack } from './types';

/**
 * Detects the stack from `Server`, `X-Powered-By` and cookie names. The application
 * framework wins over the web server in front of it, because the framework's settings
 * are the fix a developer owns: Django behind nginx is `django`.
 */
export function detectStack(
  headers: HeaderList,
  cookieNames: readonly string[],
  cookies: readonly BrowserCookie[] = [],
): Stack {
  const names = new Set([...cookieNames, ...cookies.map((cookie) => cookie.name)]);
  const poweredBy = headers.all('x-powered-by').join(' ').toLowerCase();
  const server = headers.all('server').join(' ').toLowerCase();

  if (names.has('csrftoken') || names.has('sessionid') || names.has('django_language')) {
    return 'django';
  }
  if (poweredBy.includes('django') || server.includes('wsgiserver') || server.includes('gunicorn')) {
    return 'django';
  }
  if (poweredBy.includes('express') || names.has('connect.sid')) {
    return 'express';
  }
  if (server.includes('caddy')) {
    return 'caddy';
  }
  if (server.includes('nginx') || server.includes('openresty')) {
    return 'nginx';
  }
  if (server.includes('apache')) {
    return 'apache';
  }
  return 'unknown';
}
