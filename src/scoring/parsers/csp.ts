// Content Security Policy parsing as browsers do it (CSP Level 3), collecting every policy
// a response carries: header lines, comma-separated policies inside one line,
// `<meta http-equiv>` policies, and report-only policies apart.

import type { HeaderList } from '../headers';
import { extractMetaHttpEquiv } from './html-meta';

export type PolicySource = 'header' | 'meta';
export type PolicyDisposition = 'enforce' | 'report';

export interface Policy {
  source: PolicySource;
  disposition: PolicyDisposition;
  /** The serialized policy as received. */
  text: string;
  /**
   * Directives by lowercased name, in the order received. Keywords, nonce and hash prefixes
   * and schemes in the values are lowercased; hosts and nonce values keep their case.
   */
  directives: Map<string, string[]>;
  /** Names of repeated directives, which browsers ignore because the first one wins. */
  repeated: string[];
  /** Directives a `<meta>` policy may not set and browsers drop: `frame-ancestors`, `report-uri`, `sandbox`. */
  removed: string[];
}

/** A policy text that yielded no directive, so browsers do not apply it. */
export type EmptyPolicy = Pick<Policy, 'source' | 'disposition' | 'text' | 'removed'>;

/** A `<meta>` that looks like a policy but that browsers ignore, with the reason. */
export interface IgnoredMeta {
  httpEquiv: string;
  content: string;
  reason: 'report-only' | 'outside-head' | 'no-content';
}

export interface CollectedPolicies {
  /** Every enforced policy; a resource must be allowed by all of them. */
  enforced: Policy[];
  reportOnly: Policy[];
  empty: EmptyPolicy[];
  ignoredMeta: IgnoredMeta[];
}

/** Directives that CSP Level 3 removes from a `<meta>` policy. */
const META_FORBIDDEN_DIRECTIVES = ['frame-ancestors', 'report-uri', 'sandbox'];

/**
 * Collects the policies of a response. Each `Content-Security-Policy` line, and each
 * comma-separated policy inside a line, is a separate enforced policy (Fetch, "extracting
 * header list values"). A `<meta http-equiv="Content-Security-Policy">` in `<head>` is
 * enforced too, without the directives a `<meta>` cannot set. Report-only headers are
 * collected apart, and browsers ignore a report-only `<meta>`.
 */
export function collectPolicies(headers: HeaderList, html?: unknown): CollectedPolicies {
  const collected: CollectedPolicies = { enforced: [], reportOnly: [], empty: [], ignoredMeta: [] };

  for (const line of headers.all('content-security-policy')) {
    for (const text of line.split(',')) {
      addPolicy(collected, parsePolicy(text, 'header', 'enforce'));
    }
  }
  for (const line of headers.all('content-security-policy-report-only')) {
    for (const text of line.split(',')) {
      addPolicy(collected, parsePolicy(text, 'header', 'report'));
    }
  }

  if (typeof html === 'string' && html.length > 0) {
    collectMetaPolicies(collected, html);
  }
  return collected;
}

function collectMetaPolicies(collected: CollectedPolicies, html: string): void {
  for (const meta of extractMetaHttpEquiv(html)) {
    if (meta.httpEquiv === 'content-security-policy-report-only') {
      collected.ignoredMeta.push(ignored(meta.httpEquiv, meta.content, 'report-only'));
      continue;
    }
    if (meta.httpEquiv !== 'content-security-policy') {
      continue;
    }
    if (!meta.inHead) {
      collected.ignoredMeta.push(ignored(meta.httpEquiv, meta.content, 'outside-head'));
      continue;
    }
    if (meta.content === null || meta.content === '') {
      collected.ignoredMeta.push(ignored(meta.httpEquiv, meta.content, 'no-content'));
      continue;
    }

    const policy = parsePolicy(meta.content, 'meta', 'enforce');
    for (const name of META_FORBIDDEN_DIRECTIVES) {
      if (policy.directives.delete(name)) {
        policy.removed.push(name);
      }
    }
    addPolicy(collected, policy);
  }
}

function ignored(
  httpEquiv: string,
  content: string | null,
  reason: IgnoredMeta['reason'],
): IgnoredMeta {
  return { httpEquiv, content: content ?? '', reason };
}

function addPolicy(collected: CollectedPolicies, policy: Policy): void {
  if (policy.directives.size === 0) {
    const { source, disposition, text, removed } = policy;
    collected.empty.push({ source, disposition, text, removed });
  } else if (policy.disposition === 'enforce') {
    collected.enforced.push(policy);
  } else {
    collected.reportOnly.push(policy);
  }
}

/**
 * Parses one serialized policy (CSP Level 3, "parse a serialized CSP"). Tokens are split on
 * `;` and trimmed, and empty or non-ASCII tokens are skipped. Directive names are lowercased,
 * and a repeated directive is ignored, so the first one wins. Values are split on ASCII
 * whitespace.
 */
export function parsePolicy(
  text: string,
  source: PolicySource,
  disposition: PolicyDisposition,
): Policy {
  const policy: Policy = {
    source,
    disposition,
    text: stripAsciiWhitespace(text),
    directives: new Map(),
    repeated: [],
    removed: [],
  };

  for (const rawToken of text.split(';')) {
    const token = stripAsciiWhitespace(rawToken);
    if (token === '' || !isAscii(token)) {
      continue;
    }
    const parts = token.split(ASCII_WHITESPACE_RUN);
    const name = (parts[0] ?? '').toLowerCase();
    if (policy.directives.has(name)) {
      policy.repeated.push(name);
      continue;
    }
    const values: string[] = [];
    for (let index = 1; index < parts.length; index++) {
      const part = parts[index];
      if (part !== undefined && part !== '') {
        values.push(normalizeSourceExpression(part));
      }
    }
    policy.directives.set(name, values);
  }
  return policy;
}

const ASCII_WHITESPACE_RUN = /[\t\n\f\r ]+/;

/** Lowercases what CSP compares case-insensitively: keywords, nonce and hash prefixes, schemes. */
function normalizeSourceExpression(value: string): string {
  if (value.startsWith("'")) {
    const prefix = /^'(nonce|sha256|sha384|sha512)-/i.exec(value);
    if (prefix) {
      return prefix[0].toLowerCase() + value.slice(prefix[0].length);
    }
    return value.toLowerCase();
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*:$/.test(value)) {
    return value.toLowerCase();
  }
  return value;
}

function stripAsciiWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isAsciiWhitespace(value.charCodeAt(start))) {
    start++;
  }
  while (end > start && isAsciiWhitespace(value.charCodeAt(end - 1))) {
    end--;
  }
  return value.slice(start, end);
}

function isAsciiWhitespace(code: number): boolean {
  return code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d || code === 0x20;
}

function isAscii(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    if (value.charCodeAt(index) > 0x7f) {
      return false;
    }
  }
  return true;
}
