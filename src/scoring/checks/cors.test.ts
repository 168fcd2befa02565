import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { CheckContext } from '../check';
import { HeaderList } from '../headers';
import type { HeaderPair, ResponseRecord, Stack } from '../types';
import { check } from './cors';

interface ContextOptions {
  url?: string;
  requestHeaders?: HeaderPair[];
  stack?: Stack;
}

function contextFor(headers: HeaderPair[], options: ContextOptions = {}): CheckContext {
  const url = options.url ?? 'https://shop.example.test/account/';
  const record: ResponseRecord = { url, status: 200, headers };
  if (options.requestHeaders !== undefined) {
    record.requestHeaders = options.requestHeaders;
  }
  const parsed = new URL(url);
  return {
    record,
    url: parsed,
    https: parsed.protocol === 'https:',
    developmentHost: false,
    headers: new HeaderList(headers),
    stack: options.stack ?? 'unknown',
    options: {},
  };
}

function corpusRecord(file: string): ResponseRecord {
  const path = new URL(`../testdata/real-headers/${file}`, import.meta.url);
  return JSON.parse(readFileSync(path, 'utf8')) as ResponseRecord;
}

const CREDENTIALS: HeaderPair = ['Access-Control-Allow-Credentials', 'true'];

describe('cors', () => {
  test('no CORS header passes', () => {
    const finding = check.run(contextFor([['Content-Type', 'text/html']]));

    expect(finding.outcome).toBe('not-shared');
    expect(finding.evidence).toBe('no Access-Control-Allow-Origin header');
  });

  test('reflected foreign origin with credentials fails', () => {
    const finding = check.run(
      contextFor([['Access-Control-Allow-Origin', 'https://evil.example'], CREDENTIALS], {
        requestHeaders: [['Origin', 'https://evil.example']],
      }),
    );

    expect(finding.outcome).toBe('reflected-credentials');
    expect(finding.evidence).toBe(
      'Access-Control-Allow-Origin: "https://evil.example" with Access-Control-Allow-Credentials: "true", the same as the request\'s Origin "https://evil.example"',
    );
  });

  test('reflected origin without credentials is shared', () => {
    const finding = check.run(
      contextFor([['Access-Control-Allow-Origin', 'https://evil.example']], {
        requestHeaders: [['origin', 'https://evil.example']],
      }),
    );

    expect(finding.outcome).toBe('shared');
  });

  test('null origin with credentials fails', () => {
    const finding = check.run(contextFor([['Access-Control-Allow-Origin', 'null'], CREDENTIALS]));

    expect(finding.outcome).toBe('null-credentials');
  });

  test('null origin without credentials is shared', () => {
    const finding = check.run(contextFor([['Access-Control-Allow-Origin', 'null']]));

    expect(finding.outcome).toBe('shared');
  });

  test('wildcard with credentials warns', () => {
    const finding = check.run(contextFor([['Access-Control-Allow-Origin', '*'], CREDENTIALS]));

    expect(finding.outcome).toBe('wildcard-credentials');
    expect(finding.evidence).toBe(
      'Access-Control-Allow-Origin: "*" with Access-Control-Allow-Credentials: "true"',
    );
  });

  test.each([['True'], ['TRUE'], ['1'], ['true, true']])(
    'credentials value %j is not credentials',
    (value) => {
      const finding = check.run(
        contextFor([
          ['Access-Control-Allow-Origin', '*'],
          ['Access-Control-Allow-Credentials', value],
        ]),
      );

      expect(finding.outcome).toBe('shared');
    },
  );

  test('wildcard without credentials is shared', () => {
    const finding = check.run(contextFor([['Access-Control-Allow-Origin', '*']]));

    expect(finding.outcome).toBe('shared');
    expect(finding.notes).toEqual(["Any site can read this page, without the user's cookies."]);
  });

  test('own origin with credentials shares nothing', () => {
    const finding = check.run(
      contextFor([['Access-Control-Allow-Origin', 'https://shop.example.test'], CREDENTIALS]),
    );

    expect(finding.outcome).toBe('not-shared');
  });

  test('several allowed origins share nothing', () => {
    const finding = check.run(
      contextFor([
        ['Access-Control-Allow-Origin', 'https://a.example'],
        ['Access-Control-Allow-Origin', 'https://b.example'],
        CREDENTIALS,
      ]),
    );

    expect(finding.outcome).toBe('not-shared');
    expect(finding.notes?.[0]).toContain('several values');
  });

  test('comma-joined allowed origins share nothing', () => {
    const finding = check.run(
      contextFor([
        ['Access-Control-Allow-Origin', 'https://a.example, https://b.example'],
        CREDENTIALS,
      ]),
    );

    expect(finding.outcome).toBe('not-shared');
  });

  test('foreign origin without request headers is shared with a note', () => {
    const finding = check.run(
      contextFor([['Access-Control-Allow-Origin', 'https://app.example'], CREDENTIALS]),
    );

    expect(finding.outcome).toBe('shared');
    expect(finding.notes).toEqual([
      "https://app.example can read this page with the user's cookies.",
      'The record has no request headers, so the check cannot tell whether the server echoes any Origin it receives.',
    ]);
  });

  test('foreign origin on a request without Origin is not an echo', () => {
    const finding = check.run(
      contextFor([['Access-Control-Allow-Origin', 'https://app.example'], CREDENTIALS], {
        requestHeaders: [['Accept', 'text/html']],
      }),
    );

    expect(finding.outcome).toBe('shared');
    expect(finding.notes?.[1]).toBe(
      'The request carried no Origin header, so this value is not an echo of it.',
    );
  });

  test('real mytoys checkout trusts a plain-HTTP origin', () => {
    const record = corpusRecord('checkout.mytoys.de_pagexray-redirect.json');
    const finding = check.run(contextFor(record.headers, { url: record.url }));

    expect(finding.outcome).toBe('shared');
    expect(finding.evidence).toBe(
      'Access-Control-Allow-Origin: "http://www.mytoys.de" with Access-Control-Allow-Credentials: "true"',
    );
    expect(finding.notes?.[1]).toContain('http://www.mytoys.de is a plain-HTTP origin');
  });

  test('real masterofmalt page allows only itself', () => {
    const record = corpusRecord('www.masterofmalt.com_chrome-har-early-hints.json');
    const finding = check.run(contextFor(record.headers, { url: record.url }));

    expect(finding.outcome).toBe('not-shared');
  });

  test('real akamai false credentials are noted', () => {
    const record = corpusRecord('http2.akamai.com_chrome-har.json');
    const finding = check.run(contextFor(record.headers, { url: record.url }));

    expect(finding.outcome).toBe('shared');
    expect(finding.evidence).toBe(
      'Access-Control-Allow-Origin: "*" with Access-Control-Allow-Credentials: "false"',
    );
  });

  test('any header value yields an outcome and never throws', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (allowOrigin, credentials, origin) => {
        const context = contextFor(
          [
            ['Access-Control-Allow-Origin', allowOrigin],
            ['Access-Control-Allow-Credentials', credentials],
          ],
          { requestHeaders: [['Origin', origin]] },
        );
        const finding = check.run(context);

        expect([
          'reflected-credentials',
          'null-credentials',
          'wildcard-credentials',
          'not-shared',
          'shared',
        ]).toContain(finding.outcome);
        expect(check.remediate(finding, context).summary.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('cors remediation', () => {
  test('reflection fix lists origins for django-cors-headers', () => {
    const context = contextFor([['Access-Control-Allow-Origin', 'null'], CREDENTIALS], {
      stack: 'django',
    });
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.summary).toBe(
      'The page allows the origin null with credentials (Access-Control-Allow-Origin: "null" with Access-Control-Allow-Credentials: "true").',
    );
    expect(remediation.fixes[0]?.stack).toBe('django');
    expect(remediation.fixes[0]?.code).toContain('CORS_ALLOWED_ORIGINS = [');
    expect(remediation.fixes[0]?.code).toContain('CORS_ALLOW_ALL_ORIGINS = False');
  });

  test('express fix uses an origin list', () => {
    const context = contextFor([['Access-Control-Allow-Origin', '*'], CREDENTIALS], {
      stack: 'express',
    });
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.fixes[0]?.code).toContain(
      "app.use(cors({ origin: ['https://app.example.com'], credentials: true }));",
    );
  });

  test('apache fix escapes the dots of the origin', () => {
    const context = contextFor([['Access-Control-Allow-Origin', '*'], CREDENTIALS], {
      stack: 'apache',
    });
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.fixes[0]?.code.split('\n')[1]).toBe(
      'SetEnvIf Origin "^(https://app\\.example\\.com)$" CORS_ALLOWED_ORIGIN=$1',
    );
  });
});
