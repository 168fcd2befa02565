/**
 * Redirect from plain HTTP to HTTPS (Django's `SECURE_SSL_REDIRECT = True`).
 *
 * Detects whether a plain-HTTP request for the page is redirected to HTTPS, and where the
 * first hop goes. It reads an observed `http://` hop of the redirect chain first, then the
 * recorder's own plain-HTTP probe. A `307` carrying `Non-Authoritative-Reason` is Chromium
 * redirecting by itself (`HSTS`: the host is in its HSTS cache), not the server.
 * Triggered by: a page reached at `http://example.com/` with status 200 and no redirect.
 */

import type { Check, CheckContext, Finding } from '../check';
import { quote } from '../remediation/order';
import { remediateHttpsRedirect } from '../remediation/https-redirect';
import type { HeaderPair, RedirectHop } from '../types';
import type { Outcome } from '../weights';

type RedirectOutcome = Exclude<Outcome<'https-redirect'>, 'development-host'>;

export interface RedirectEvaluation {
  outcome: RedirectOutcome;
  evidence: string;
  notes: string[];
}

export const check: Check<'https-redirect'> = {
  id: 'https-redirect',
  title: 'Redirect from HTTP to HTTPS',
  run(context) {
    const evaluation = evaluateHttpsRedirect(context);
    if (!context.developmentHost) {
      return evaluation;
    }
    const notes = [...evaluation.notes];
    if (evaluation.outcome !== 'same-host' && evaluation.outcome !== 'not-verified') {
      notes.push(`This would fail in production unchanged: ${evaluation.evidence}.`);
    }
    return {
      outcome: 'development-host',
      evidence: `${context.url?.hostname ?? 'this host'} is a development host, where HTTPS is not required`,
      notes,
    };
  },
  remediate(finding: Finding<'https-redirect'>, context: CheckContext) {
    return remediateHttpsRedirect(finding, context);
  },
};

/** Judges the redirect from plain HTTP, ignoring whether the host is a development host. */
export function evaluateHttpsRedirect(context: CheckContext): RedirectEvaluation {
  const { record, url } = context;
  const hops = Array.isArray(record.redirects) ? record.redirects : [];

  if (url === null) {
    return {
      outcome: 'not-verified',
      evidence: `the page URL ${quote(String(record.url))} is not a valid URL`,
      notes: [],
    };
  }
  if (url.protocol === 'http:') {
    return {
      outcome: 'missing',
      evidence:
        hops.length === 0
          ? `${url.href} was served over plain HTTP (status ${record.status}) without a redirect to HTTPS`
          : `the redirect chain ends on plain HTTP: ${describeChain(hops, url.href)}`,
      notes: [],
    };
  }

  const notes: string[] = [];
  for (const [index, hop] of hops.entries()) {
    if (parseUrl(hop.url)?.protocol !== 'http:') {
      continue;
    }
    const reason = nonAuthoritativeReason(hop);
    if (reason !== undefined) {
      notes.push(describeBrowserRedirect(hop, reason));
      continue;
    }
    const target = hop.location ?? hops[index + 1]?.url ?? url.href;
    return { ...judgeFirstHop(hop.url, hop.status, target, url), notes };
  }

  const probed = judgeProbe(context, url);
  return { ...probed, notes: [...notes, ...probed.notes] };
}

/** Judges the first hop from a plain-HTTP URL, given where the chain finally arrived. */
function judgeFirstHop(
  from: string,
  status: number,
  location: string,
  finalUrl: URL,
): Omit<RedirectEvaluation, 'notes'> {
  const source = parseUrl(from);
  const target = parseUrl(location, from);
  const hop = `${from} answered ${status} with Location ${quote(location)}`;

  if (source === null || target === null) {
    return { outcome: 'missing', evidence: `${hop}, which is not a valid URL` };
  }
  if (target.protocol === 'https:') {
    return sameHost(source, target)
      ? { outcome: 'same-host', evidence: `${hop}: HTTPS on the same host` }
      : { outcome: 'other-host', evidence: `${hop}: HTTPS, but on another host` };
  }
  if (target.protocol === 'http:' && finalUrl.protocol === 'https:') {
    return {
      outcome: 'via-http',
      evidence: `${hop}: another plain-HTTP URL; HTTPS was reached later at ${finalUrl.href}`,
    };
  }
  return { outcome: 'missing', evidence: `${hop}, which is not HTTPS` };
}

function judgeProbe(context: CheckContext, pageUrl: URL): RedirectEvaluation {
  const probe = context.record.httpProbe;
  const observed = 'no plain-HTTP request for the page was observed';

  if (probe === undefined) {
    return { outcome: 'not-verified', evidence: `${observed}, and none was probed`, notes: [] };
  }
  switch (probe.state) {
    case 'disabled':
      return {
        outcome: 'not-verified',
        evidence: `${observed}, and the redirect probe is turned off in the options`,
        notes: [],
      };
    case 'browser-hsts-upgrade':
      return {
        outcome: 'not-verified',
        evidence: `${observed}: the browser upgraded the probe of ${probe.url} to HTTPS itself`,
        notes: [
          'The browser has this host in its HSTS cache, so it never sent the plain-HTTP request and the server was not observed.',
        ],
      };
    case 'error':
      return {
        outcome: 'not-verified',
        evidence: `the plain-HTTP probe of ${probe.url} failed: ${probe.message}`,
        notes: [],
      };
    case 'response':
      return judgeProbeResponse(probe.url, probe.status, probe.location, pageUrl);
    default:
      return {
        outcome: 'not-verified',
        evidence: `${observed}, and the probe result is unknown`,
        notes: [],
      };
  }
}

function judgeProbeResponse(
  probeUrl: string,
  status: number,
  location: string | undefined,
  pageUrl: URL,
): RedirectEvaluation {
  const isRedirect = status >= 300 && status < 400;
  if (!isRedirect || location === undefined) {
    return {
      outcome: 'missing',
      evidence: `a plain-HTTP request for ${probeUrl} received status ${status} without a redirect`,
      notes: [],
    };
  }

  const target = parseUrl(location, probeUrl);
  if (target?.protocol === 'http:') {
    // NOTE: the probe follows one hop only, so whether HTTPS comes later is assumed from the
    // page itself having been reached over HTTPS.
    return {
      outcome: 'via-http',
      evidence: `the plain-HTTP probe of ${probeUrl} answered ${status} with Location ${quote(location)}, another plain-HTTP URL`,
      notes: ['The probe follows only the first hop; the page itself was reached over HTTPS.'],
    };
  }
  return { ...judgeFirstHop(probeUrl, status, location, pageUrl), notes: [] };
}

/** Returns the `Non-Authoritative-Reason` of a `307` hop: Chromium's mark on its own redirects. */
function nonAuthoritativeReason(hop: RedirectHop): string | undefined {
  if (hop.status !== 307) {
    return undefined;
  }
  const headers: readonly HeaderPair[] = Array.isArray(hop.headers) ? hop.headers : [];
  const header = headers.find(
    ([name]) => String(name).toLowerCase() === 'non-authoritative-reason',
  );
  return header?.[1];
}

function describeBrowserRedirect(hop: RedirectHop, reason: string): string {
  if (reason.trim().toUpperCase() === 'HSTS') {
    return `The 307 from ${hop.url} is the browser's own upgrade from its HSTS cache (Non-Authoritative-Reason: HSTS), not a server redirect.`;
  }
  return `The 307 from ${hop.url} was made by the browser (Non-Authoritative-Reason: ${reason}), not by the server.`;
}

function describeChain(hops: readonly RedirectHop[], finalUrl: string): string {
  return [...hops.map((hop) => `${hop.url} (${hop.status})`), finalUrl].join(' → ');
}

/** Compares hostnames only: ports differ between the HTTP and HTTPS servers of one host. */
export function sameHost(a: URL, b: URL): boolean {
  const normalize = (url: URL): string => url.hostname.toLowerCase().replace(/\.$/, '');
  return normalize(a) === normalize(b);
}

function parseUrl(value: unknown, base?: string): URL | null {
  try {
    return new URL(String(value), base);
  } catch {
    return null;
  }
}
