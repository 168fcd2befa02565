import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { CheckContext } from '../check';
import { HeaderList } from '../headers';
import type { HeaderPair, ResponseRecord, Stack } from '../types';
import { check } from './mixed-content';

function contextFor(
  fields: Partial<ResponseRecord>,
  headers: HeaderPair[] = [],
  stack: Stack = 'unknown',
): CheckContext {
  const url = fields.url ?? 'https://shop.example.test/';
  const parsed = new URL(url);
  return {
    record: { url, status: 200, headers, ...fields },
    url: parsed,
    https: parsed.protocol === 'https:',
    developmentHost: false,
    headers: new HeaderList(headers),
    stack,
    options: {},
  };
}

describe('mixed-content', () => {
  test.each([['script'], ['stylesheet'], ['sub_frame'], ['xmlhttprequest'], ['font'], ['object']])(
    'plain-HTTP %s fails',
    (type) => {
      const finding = check.run(
        contextFor({ subresources: [{ url: 'http://cdn.example/a', type }] }),
      );

      expect(finding.outcome).toBe('active-mixed');
      expect(finding.evidence).toBe(
        `blocked by browsers, so the page is broken: http://cdn.example/a (${type})`,
      );
    },
  );

  test.each([['image'], ['media'], ['imageset']])('plain-HTTP %s warns', (type) => {
    const finding = check.run(
      contextFor({ subresources: [{ url: 'http://cdn.example/a', type }] }),
    );

    expect(finding.outcome).toBe('passive-mixed');
  });

  test('beacon of unknown type warns and says so', () => {
    const finding = check.run(
      contextFor({ subresources: [{ url: 'http://stats.example/p', type: 'ping' }] }),
    );

    expect(finding.outcome).toBe('passive-mixed');
    expect(finding.evidence).toContain('http://stats.example/p (ping, a type browsers may block)');
  });

  test('plain-HTTP script from scripts fails', () => {
    const finding = check.run(contextFor({ scripts: [{ url: 'http://cdn.example/jquery.js' }] }));

    expect(finding.outcome).toBe('active-mixed');
  });

  test('insecure WebSocket fails', () => {
    const finding = check.run(
      contextFor({ subresources: [{ url: 'ws://live.example/socket', type: 'websocket' }] }),
    );

    expect(finding.outcome).toBe('active-mixed');
  });

  test('active wins and notes the passive', () => {
    const finding = check.run(
      contextFor({
        subresources: [
          { url: 'http://cdn.example/logo.png', type: 'image' },
          { url: 'http://cdn.example/app.css', type: 'stylesheet' },
        ],
      }),
    );

    expect(finding.outcome).toBe('active-mixed');
    expect(finding.notes).toEqual([
      'Also requested over plain HTTP, and upgraded by browsers: http://cdn.example/logo.png (image).',
    ]);
  });

  test('HTTPS and loopback requests pass', () => {
    const finding = check.run(
      contextFor({
        scripts: [{ url: 'https://cdn.example/app.js' }, { url: 'inline' }],
        subresources: [
          { url: 'http://localhost:35729/livereload.js', type: 'script' },
          { url: 'http://127.0.0.1:9000/data', type: 'xmlhttprequest' },
          { url: 'data:image/png;base64,AAAA', type: 'image' },
          { url: 'http://shop.example.test/', type: 'main_frame' },
        ],
      }),
    );

    expect(finding.outcome).toBe('none');
    expect(finding.evidence).toBe('no subresource was requested over plain HTTP');
  });

  test('repeated request is listed once', () => {
    const request = { url: 'http://cdn.example/a.js', type: 'script' };
    const finding = check.run(contextFor({ subresources: [request, request] }));

    expect(finding.evidence).toBe(
      'blocked by browsers, so the page is broken: http://cdn.example/a.js (script)',
    );
  });

  test('long list is shortened', () => {
    const subresources = Array.from({ length: 8 }, (_, index) => ({
      url: `http://cdn.example/${index}.js`,
      type: 'script',
    }));
    const finding = check.run(contextFor({ subresources }));

    expect(finding.evidence.endsWith('http://cdn.example/4.js (script) and 3 more')).toBe(true);
  });

  test('upgrade-insecure-requests upgrades them', () => {
    const finding = check.run(
      contextFor({ scripts: [{ url: 'http://cdn.example/a.js' }] }, [
        ['Content-Security-Policy', "default-src 'self'; Upgrade-Insecure-Requests"],
      ]),
    );

    expect(finding.outcome).toBe('upgraded');
  });

  test('report-only upgrade does not count', () => {
    const finding = check.run(
      contextFor({ scripts: [{ url: 'http://cdn.example/a.js' }] }, [
        ['Content-Security-Policy-Report-Only', 'upgrade-insecure-requests'],
      ]),
    );

    expect(finding.outcome).toBe('active-mixed');
  });

  test('plain-HTTP page is not applicable', () => {
    const finding = check.run(
      contextFor({
        url: 'http://shop.example.test/',
        scripts: [{ url: 'http://cdn.example/a.js' }],
      }),
    );

    expect(finding.outcome).toBe('plain-http');
  });

  test('dropped subresources are noted', () => {
    const finding = check.run(contextFor({ subresources: [], droppedSubresources: 40 }));

    expect(finding.notes).toEqual([
      '40 further subresource requests were not recorded, so this list may be incomplete.',
    ]);
  });

  test('any request yields an outcome and never throws', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ url: fc.oneof(fc.string(), fc.webUrl()), type: fc.string() })),
        (subresources) => {
          const context = contextFor({ subresources });
          const finding = check.run(context);

          expect(['active-mixed', 'passive-mixed', 'none']).toContain(finding.outcome);
          expect(check.remediate(finding, context).summary.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('mixed-content remediation', () => {
  test('fix adds upgrade-insecure-requests beside a policy', () => {
    const context = contextFor({ scripts: [{ url: 'http://cdn.example/a.js' }] }, [], 'apache');
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.summary).toBe(
      'The HTTPS page requests subresources over plain HTTP: blocked by browsers, so the page is broken: http://cdn.example/a.js (script).',
    );
    expect(
      remediation.fixes[0]?.code.endsWith(
        'Header always add Content-Security-Policy "upgrade-insecure-requests"',
      ),
    ).toBe(true);
  });
});
