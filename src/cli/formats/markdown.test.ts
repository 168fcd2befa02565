import { describe, expect, test } from 'vitest';

import type { CheckResult } from '../../scoring/types';
import type { GradedPage } from '../graded-page';
import { formatMarkdown } from './markdown';
import { PLAIN_HTTP_PAGE, SAMPLE_PAGE } from './sample-pages';

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`## ${heading}\n`);
  expect(start, `section "${heading}" is missing`).toBeGreaterThanOrEqual(0);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}

describe('formatMarkdown', () => {
  const markdown = formatMarkdown([SAMPLE_PAGE]);

  test('markdown opens with the URL and grade', () => {
    expect(markdown.startsWith('# Hardening review of https://shop.example.test/account/\n')).toBe(
      true,
    );
    expect(markdown).toContain('Grade **B-** with a score of 65, scoring version 1.');
    expect(markdown).toContain('Input: `shop.har, page page_1`. Detected stack: django.');
  });

  test('markdown sections come in order', () => {
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual(['## Checklist', '## Fixes', '## Summary']);
  });

  test('markdown checklist has a row per check', () => {
    const rows = section(markdown, 'Checklist')
      .split('\n')
      .filter((line) => line.startsWith('| '));
    expect(rows[0]).toBe('| Setting | Value observed | Benefit | Verdict |');
    expect(rows).toHaveLength(1 + SAMPLE_PAGE.report.checks.length);
    expect(rows[2]).toMatch(
      /^\| `SECURE_HSTS_SECONDS = 31536000` \| max-age=86400 \\\| includeSubDomains \| Makes the browser use HTTPS .* \| warn \(-10\) \|$/,
    );
    expect(rows[4]).toMatch(/\| pass \(\+5, not counted below 90\) \|$/);
  });

  test('markdown fixes list every stack in a code block', () => {
    const fixes = section(markdown, 'Fixes');
    expect(fixes).toContain('### Strict-Transport-Security: warn (-10)\n');
    expect(fixes).toContain(
      '**What is wrong:** Strict-Transport-Security "max-age=86400" is shorter than one year.',
    );
    expect(fixes).toContain(
      '**django**, in `settings.py`:\n\n```\nSECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\n```',
    );
    expect(fixes).toContain('**nginx**, in `server { ... }`:');
    expect(fixes).toContain('### Content Security Policy: fail (-25)\n');
    expect(fixes).not.toContain('### HTTPS');
  });

  test('markdown summary counts verdicts and orders penalties', () => {
    const summary = section(markdown, 'Summary');
    expect(summary).toContain('- Checks: 2 pass, 1 warn, 1 fail, 1 info, 1 n/a.');
    expect(summary).toContain(
      '- Penalties -35, bonuses +5 (not counted: the score after penalties is below 90): score 65, grade B-.',
    );
    expect(summary).toContain(
      '- Fix first: Content Security Policy (-25), Strict-Transport-Security (-10).',
    );
  });

  test('markdown shows counted bonuses plainly', () => {
    const counted = formatMarkdown([
      { ...SAMPLE_PAGE, report: { ...SAMPLE_PAGE.report, bonusesCounted: true } },
    ]);
    expect(counted).toContain('| pass (+5) |');
    expect(counted).not.toContain('not counted');
  });

  test('markdown marks a likely stack', () => {
    const likely = formatMarkdown([
      { ...SAMPLE_PAGE, report: { ...SAMPLE_PAGE.report, stackConfidence: 'likely' } },
    ]);
    expect(likely).toContain('Detected stack: django (likely).');
  });

  test('markdown escapes received text', () => {
    const check = SAMPLE_PAGE.report.checks[4] as CheckResult;
    const page: GradedPage = {
      ...SAMPLE_PAGE,
      report: {
        ...SAMPLE_PAGE.report,
        checks: [
          { ...check, evidence: 'no header and no <meta> policy; *.example.test | csrf_token' },
        ],
      },
    };
    const markdown = formatMarkdown([page]);

    expect(markdown).toContain(
      '| no header and no &lt;meta&gt; policy; \\*.example.test \\| csrf\\_token |',
    );
  });

  test('markdown states the plain-HTTP cap', () => {
    expect(formatMarkdown([PLAIN_HTTP_PAGE])).toContain(
      'The grade is capped at F because the document was served over plain HTTP.',
    );
  });

  test('markdown separates pages with a rule', () => {
    const both = formatMarkdown([SAMPLE_PAGE, PLAIN_HTTP_PAGE]);
    expect(both.split('\n---\n')).toHaveLength(2);
    expect(both).toContain('# Hardening review of http://old.example.test/\n');
  });
});
