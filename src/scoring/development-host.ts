// Development hosts: where the checks that need HTTPS do not apply.

/** Reports whether a hostname is localhost, `*.localhost`, in 127.0.0.0/8 or `[::1]`. */
export function isDevelopmentHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');

  if (host === 'localhost' || host.endsWith('.localhost')) {
    return true;
  }
  if (host === '[::1]' || host === '::1') {
    return true;
  }
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
