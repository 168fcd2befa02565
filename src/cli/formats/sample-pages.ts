// Graded pages built by hand for the format writers' tests, so each writer is tested
// against known reports independently of the checks' current rules.

import type { CheckResult, Report } from '../../scoring/types';
import type { GradedPage } from '../graded-page';

const HSTS_FIX = {
  summary: 'Strict-Transport-Security "max-age=86400" is shorter than one year.',
  why: 'A short max-age lets the browser fall back to plain HTTP soon after a visit.',
  fixes: [
    {
      stack: 'django' as const,
      where: 'settings.py',
      code: 'SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True',
    },
    {
      stack: 'nginx' as const,
      where: 'server { ... }',
      code: 'add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;',
    },
  ],
  docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Strict-Transport-Security',
};

const CSP_FIX = {
  summary: 'No Content-Security-Policy header was received.',
  why: 'Without a policy, any injected script runs with the page’s privileges.',
  fixes: [
    {
      stack: 'django' as const,
      where: 'settings.py',
      code: 'SECURE_CSP = {"default-src": ["\'self\'"]}',
    },
  ],
  docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy',
};

const CHECKS: CheckResult[] = [
  {
    id: 'https',
    title: 'HTTPS',
    verdict: 'pass',
    modifier: 0,
    outcome: 'served',
    evidence: 'served over HTTPS',
  },
  {
    id: 'hsts',
    title: 'Strict-Transport-Security',
    verdict: 'warn',
    modifier: -10,
    outcome: 'short',
    evidence: 'max-age=86400 | includeSubDomains',
    remediation: HSTS_FIX,
  },
  {
    id: 'session-cookie',
    title: 'Session cookie',
    verdict: 'n/a',
    modifier: 0,
    outcome: 'none',
    evidence: 'no session cookie seen',
  },
  {
    id: 'frame-options',
    title: 'Framing',
    verdict: 'pass',
    modifier: 5,
    outcome: 'deny',
    evidence: 'X-Frame-Options: DENY',
  },
  {
    id: 'csp',
    title: 'Content Security Policy',
    verdict: 'fail',
    modifier: -25,
    outcome: 'missing',
    evidence: 'no Content-Security-Policy header',
    notes: ['a report-only policy was also received'],
    remediation: CSP_FIX,
  },
  {
    id: 'referrer-policy',
    title: 'Referrer-Policy',
    verdict: 'info',
    modifier: 0,
    outcome: 'missing',
    evidence: 'no Referrer-Policy header; browsers use strict-origin-when-cross-origin',
    remediation: {
      summary: 'No Referrer-Policy header was received.',
      why: 'An explicit policy keeps the behaviour the same in every browser.',
      fixes: [],
      docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Referrer-Policy',
    },
  },
];

export const SAMPLE_REPORT: Report = {
  url: 'https://shop.example.test/account/',
  scoringVersion: 1,
  grade: 'B-',
  score: 65,
  developmentHost: false,
  capped: false,
  bonusesCounted: false,
  stack: 'django',
  checks: CHECKS,
};

export const SAMPLE_PAGE: GradedPage = {
  file: 'shop.har',
  part: 'page page_1',
  report: SAMPLE_REPORT,
};

export const PLAIN_HTTP_PAGE: GradedPage = {
  file: 'old.json',
  part: '',
  report: {
    url: 'http://old.example.test/',
    scoringVersion: 1,
    grade: 'F',
    score: 60,
    developmentHost: false,
    capped: true,
    bonusesCounted: false,
    stack: 'unknown',
    checks: [
      {
        id: 'https',
        title: 'HTTPS',
        verdict: 'fail',
        modifier: 0,
        outcome: 'plain-http',
        evidence: 'served over plain HTTP',
        remediation: {
          summary: 'The document was served over plain HTTP.',
          why: 'Anyone on the network path can read and change the page.',
          fixes: [],
          docs: 'https://developer.mozilla.org/en-US/docs/Web/Security/Practical_implementation_guides/TLS',
        },
      },
      {
        id: 'csp',
        title: 'Content Security Policy',
        verdict: 'fail',
        modifier: -25,
        outcome: 'missing',
        evidence: 'no Content-Security-Policy header',
        remediation: CSP_FIX,
      },
      {
        id: 'hsts',
        title: 'Strict-Transport-Security',
        verdict: 'n/a',
        modifier: 0,
        outcome: 'plain-http',
        evidence: 'ignored on a plain-HTTP response',
      },
      {
        id: 'content-type-options',
        title: 'MIME sniffing',
        verdict: 'fail',
        modifier: -5,
        outcome: 'missing',
        evidence: 'no X-Content-Type-Options header',
      },
      {
        id: 'mixed-content',
        title: 'Mixed content',
        verdict: 'fail',
        modifier: -10,
        outcome: 'active-mixed',
        evidence: 'http://old.example.test/a.js',
      },
    ],
  },
};
