// Configuration lines that set or remove a response header on the web servers the fixes cover.

export type HeaderLine = readonly [name: string, value: string];

/** `add_header` with `always`, so nginx also sends the header on error responses. */
export function nginxSetHeaders(headers: readonly HeaderLine[]): string {
  return headers.map(([name, value]) => `add_header ${name} "${value}" always;`).join('\n');
}

/** mod_headers `Header always set`, which also covers error responses. */
export function apacheSetHeaders(headers: readonly HeaderLine[]): string {
  return headers.map(([name, value]) => `Header always set ${name} "${value}"`).join('\n');
}

export function caddySetHeaders(headers: readonly HeaderLine[]): string {
  return headers.map(([name, value]) => `header ${name} "${value}"`).join('\n');
}

/** Django middleware, written as a function, that sets the headers on every response. */
export function djangoSetHeadersMiddleware(
  functionName: string,
  headers: readonly HeaderLine[],
): string {
  const assignments = headers
    .map(([name, value]) => `        response.headers["${name}"] = "${value}"`)
    .join('\n');
  return [
    `def ${functionName}(get_response):`,
    '    def middleware(request):',
    '        response = get_response(request)',
    assignments,
    '        return response',
    '',
    '    return middleware',
  ].join('\n');
}
