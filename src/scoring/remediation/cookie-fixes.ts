// Server-side fixes that add attributes to named cookies, shared by the cookie checks.

import type { Fix } from '../types';

export interface CookieAttributes {
  /** Add `HttpOnly` too: session cookies need it, CSRF cookies must stay readable. */
  httpOnly: boolean;
}

/**
 * Builds the nginx, Apache and Caddy fixes that add `Secure`, `SameSite=Lax` and, when asked,
 * `HttpOnly` to the named cookies as they leave the proxy. A repeated attribute is harmless:
 * the browser keeps the last `SameSite` (RFC 6265bis §5.7).
 */
export function proxyCookieFixes(names: readonly string[], attributes: CookieAttributes): Fix[] {
  const cookieNames = uniqueNames(names);
  const nginxFlags = ['secure', ...(attributes.httpOnly ? ['httponly'] : []), 'samesite=lax'].join(
    ' ',
  );
  const appended = ['Secure', ...(attributes.httpOnly ? ['HttpOnly'] : []), 'SameSite=Lax'].join(
    '; ',
  );

  return [
    {
      stack: 'nginx',
      where: 'the location block that proxies to the application (nginx 1.19.3 or later)',
      code: cookieNames.map((name) => `proxy_cookie_flags ${name} ${nginxFlags};`).join('\n'),
    },
    {
      stack: 'apache',
      where:
        'the HTTPS virtual host (mod_headers). Both lines are needed: proxied and CGI responses keep Set-Cookie in different header tables',
      code: cookieNames
        .flatMap((name) => [
          `Header always edit Set-Cookie "^(${escapeRegExp(name)}=.*)$" "$1; ${appended}"`,
          `Header onsuccess edit Set-Cookie "^(${escapeRegExp(name)}=.*)$" "$1; ${appended}"`,
        ])
        .join('\n'),
    },
    {
      stack: 'caddy',
      where: 'the site block in the Caddyfile; ">" defers the edit until the response is written',
      code: cookieNames
        .map((name) => `header >Set-Cookie "^(${escapeRegExp(name)}=.*)$" "$1; ${appended}"`)
        .join('\n'),
    },
  ];
}

/** Builds the Express fix for cookies the application sets itself with `res.cookie`. */
export function expressCookieFix(names: readonly string[], attributes: CookieAttributes): Fix {
  const options = [
    'secure: true',
    ...(attributes.httpOnly ? ['httpOnly: true'] : []),
    "sameSite: 'lax'",
  ];
  return {
    stack: 'express',
    where: 'each place the application sets the cookie; `value` is the value it sets today',
    code: uniqueNames(names)
      .map((name) => `res.cookie('${name}', value, { ${options.join(', ')} });`)
      .join('\n'),
  };
}

/** Returns the distinct non-empty names; a nameless cookie cannot be addressed by name. */
export function uniqueNames(names: readonly string[]): string[] {
  return [...new Set(names.filter((name) => name !== ''))];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
