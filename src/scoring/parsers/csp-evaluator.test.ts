import { assert, describe, expect, test } from 'vitest';
import { parsePolicy } from './csp';
import { EVALUATOR_MAX_VALUES, evaluatePolicy } from './csp-evaluator';

const evaluate = (text: string) => evaluatePolicy(parsePolicy(text, 'header', 'enforce'));

describe('evaluatePolicy', () => {
  test('evaluatePolicy reports unsafe-inline as high', () => {
    const result = evaluate("script-src 'unsafe-inline'; object-src 'none'; base-uri 'none'");

    expect(result.state).toBe('evaluated');
    assert(result.state === 'evaluated');
    expect(result.findings[0]).toEqual({
      directive: 'script-src',
      severity: 'high',
      description:
        "'unsafe-inline' allows the execution of unsafe in-page scripts and event handlers.",
      value: "'unsafe-inline'",
    });
  });

  test('evaluatePolicy orders findings by severity', () => {
    const result = evaluate("script-src 'self' 'unsafe-inline'; foo-src x");
    const severities =
      result.state === 'evaluated' ? result.findings.map((finding) => finding.severity) : [];

    expect(severities[0]).toBe('high');
    expect(severities).toContain('syntax');
    expect(severities).toEqual([...severities].sort((a, b) => rank(a) - rank(b)));
  });

  test('evaluatePolicy drops notes of severity none', () => {
    const result = evaluate(
      "script-src 'nonce-abc' 'unsafe-inline'; object-src 'none'; base-uri 'none'",
    );

    expect(
      result.state === 'evaluated' && result.findings.map((finding) => finding.description),
    ).not.toContain('unsafe-inline is ignored if a nonce or a hash is present. (CSP2 and above)');
  });

  test('evaluatePolicy turns an evaluator exception into a failed result', () => {
    expect(evaluate('img-src http://[')).toEqual({ state: 'failed', message: 'Invalid URL' });
  });

  test('evaluatePolicy skips directives named like Object members', () => {
    const result = evaluate("__proto__ x; constructor y; toString z; script-src 'none'");

    expect(result.state).toBe('evaluated');
  });

  test('evaluatePolicy truncates a huge policy and stays fast', () => {
    const hosts = Array.from(
      { length: 20_000 },
      (_, index) => `https://h${index}.example.test`,
    ).join(' ');
    const started = performance.now();

    const result = evaluate(`script-src ${hosts}; img-src ${hosts}`);

    expect(result).toMatchObject({ state: 'evaluated', truncated: true });
    assert(result.state === 'evaluated');
    expect(result.findings.length).toBeLessThanOrEqual(EVALUATOR_MAX_VALUES * 2);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

function rank(severity: string): number {
  return [
    'high',
    'syntax',
    'medium',
    'possible high',
    'strict CSP',
    'possible medium',
    'info',
  ].indexOf(severity);
}
