import { readFileSync } from 'node:fs';

import { describe, expect, test } from 'vitest';

import { gradeRecord } from '../index';
import type { CheckResult, GradeOptions, ResponseRecord, ScriptRecord } from '../types';
import { recordLibraries, vulnerableLibrariesDatabase } from './vulnerable-libraries';

const NODE_MODULES = new URL('../../../node_modules/', import.meta.url);

function packageFile(path: string): string {
  return readFileSync(new URL(path, NODE_MODULES), 'utf8');
}

function record(scripts: ScriptRecord[] | undefined): ResponseRecord {
  return {
    url: 'https://shop.example.test/',
    status: 200,
    headers: [['content-type', 'text/html']],
    ...(scripts === undefined ? {} : { scripts }),
  };
}

function grade(scripts: ScriptRecord[] | undefined, options: GradeOptions = {}): CheckResult {
  const result = gradeRecord(record(scripts), options).checks.find(
    (check) => check.id === 'vulnerable-libraries',
  );
  if (result === undefined) {
    throw new Error('vulnerable-libraries is not in the report');
  }
  return result;
}

describe('vulnerable-libraries outcomes', () => {
  test.each([
    ['no scripts field', undefined, 'no-scripts', 'n/a', 0],
    ['empty scripts', [], 'no-scripts', 'n/a', 0],
    [
      'current jquery by content',
      [
        {
          url: 'https://shop.example.test/app.js',
          content: packageFile('jquery-current/dist/jquery.min.js'),
        },
      ],
      'none',
      'pass',
      0,
    ],
    [
      'moment 2.19.0 by URL',
      [{ url: 'https://cdnjs.cloudflare.com/ajax/libs/moment.js/2.19.0/moment.min.js' }],
      'high',
      'fail',
      -20,
    ],
    [
      'jquery 3.4.1 by URL',
      [{ url: 'https://code.jquery.com/jquery-3.4.1.min.js' }],
      'medium',
      'fail',
      -10,
    ],
    [
      'jquery 3.5.0 by URL',
      [{ url: 'https://code.jquery.com/jquery-3.5.0.min.js' }],
      'none',
      'pass',
      0,
    ],
    [
      'bootstrap 3.4.1 by URL',
      [{ url: 'https://stackpath.bootstrapcdn.com/bootstrap/3.4.1/js/bootstrap.min.js' }],
      'medium',
      'fail',
      -10,
    ],
  ] as const)('%s is %s', (_name, scripts, outcome, verdict, modifier) => {
    const result = grade(scripts === undefined ? undefined : [...scripts]);

    expect(result.outcome).toBe(outcome);
    expect(result.verdict).toBe(verdict);
    expect(result.modifier).toBe(modifier);
  });

  test('only a low advisory warns', () => {
    // Bootstrap 3.4.2 fixes every XSS advisory of 3.x; the end-of-life entry is low.
    const result = grade([{ url: 'https://cdn.example.test/bootstrap/3.4.2/js/bootstrap.min.js' }]);

    expect(result.outcome).toBe('low');
    expect(result.verdict).toBe('warn');
    expect(result.modifier).toBe(-5);
  });

  test('critical advisory grades as high', () => {
    // Only Next.js has critical advisories in the database; this is the version
    // assignment its content pattern looks for in a Next.js client build.
    const content =
      'var n=JSON.parse(document.getElementById("__NEXT_DATA__").textContent);window.__NEXT_DATA__=n;t.version="15.0.0";';
    const result = grade([
      { url: 'https://shop.example.test/_next/static/chunks/main.js', content },
    ]);

    expect(result.evidence).toMatch(/^nextjs 15\.0\.0 \(\d+ critical/);
    expect(result.outcome).toBe('high');
    expect(result.modifier).toBe(-20);
  });
});

describe('vulnerable-libraries findings', () => {
  const renamed = [
    {
      url: 'https://shop.example.test/static/vendor.js',
      content: packageFile('jquery/dist/jquery.min.js'),
    },
  ];

  test('evidence counts advisories by severity', () => {
    expect(grade(renamed).evidence).toBe('jquery 1.12.4 (5 medium, 1 low)');
  });

  test('notes list place, fix and each advisory', () => {
    const notes = grade(renamed).notes ?? [];

    expect(notes[0]).toBe(
      'jquery 1.12.4, loaded from https://shop.example.test/static/vendor.js (identified by content): upgrade to 3.5.0 or later',
    );
    expect(notes).toContain(
      'jquery 1.12.4: medium CVE-2015-9251 GHSA-rmxg-73gg-4p98, fixed in 3.0.0-beta1: 3rd party CORS request may execute https://github.com/advisories/GHSA-rmxg-73gg-4p98',
    );
    expect(notes.filter((note) => note.startsWith('jquery 1.12.4: '))).toHaveLength(6);
  });

  test('notes count scripts past the bound', () => {
    const page = { ...record(renamed), droppedScripts: 7 };
    const result = gradeRecord(page).checks.find((check) => check.id === 'vulnerable-libraries');

    expect(result?.notes).toContain(
      '7 more scripts loaded but were not recorded, so they were not matched',
    );
  });

  test('last note names the database', () => {
    const notes = grade(renamed).notes ?? [];
    const database = vulnerableLibrariesDatabase();

    expect(notes.at(-1)).toBe(
      `retire.js database from ${database.source}, published ${database.published}, with ${database.advisories} advisories`,
    );
  });

  test('same library on two scripts is one finding', () => {
    const result = grade([
      { url: 'https://code.jquery.com/jquery-1.12.4.min.js' },
      { url: 'https://shop.example.test/legacy.js', content: packageFile('jquery/dist/jquery.js') },
    ]);

    expect(result.evidence).toBe('jquery 1.12.4 (5 medium, 1 low)');
    expect(result.notes?.[0]).toContain(
      'https://code.jquery.com/jquery-1.12.4.min.js (identified by file name), https://shop.example.test/legacy.js (identified by content)',
    );
  });

  test('clean page lists what it identified', () => {
    const result = grade([
      {
        url: 'https://shop.example.test/a.js',
        content: packageFile('moment-current/min/moment.min.js'),
      },
      { url: 'https://shop.example.test/b.js', content: 'console.log("hello")' },
    ]);

    expect(result.evidence).toBe(
      'no library with a known advisory among 2 scripts (identified: moment.js 2.31.0)',
    );
  });

  test('silenced library does not count', () => {
    const result = grade(renamed, { silencedLibraries: ['jQuery'] });

    expect(result.outcome).toBe('none');
    expect(result.evidence).toContain('silenced: jquery 1.12.4');
    expect(result.notes?.[0]).toContain(
      'silenced as a patched fork for this site, 6 advisories not counted',
    );
  });

  test('silencing by npm name works', () => {
    const result = grade(
      [
        { url: 'https://cdnjs.cloudflare.com/ajax/libs/moment.js/2.19.0/moment.min.js' },
        { url: 'https://code.jquery.com/jquery-3.4.1.min.js' },
      ],
      { silencedLibraries: ['moment'] },
    );

    expect(result.outcome).toBe('medium');
    expect(result.evidence).toBe('jquery 3.4.1 (2 medium)');
  });

  test('script without a string url is skipped', () => {
    const scripts = [
      { url: 42 } as unknown as ScriptRecord,
      { url: 'https://code.jquery.com/jquery-3.5.0.min.js' },
    ];

    expect(grade(scripts).outcome).toBe('none');
  });
});

describe('vulnerable-libraries precomputed matches', () => {
  test('listed libraries grade without content', () => {
    const result = grade([
      {
        url: 'https://shop.example.test/static/lib.js',
        libraries: [{ library: 'jquery', version: '1.12.4', method: 'filecontent' }],
      },
    ]);

    expect(result.evidence).toBe('jquery 1.12.4 (5 medium, 1 low)');
    expect(result.notes?.[0]).toBe(
      'jquery 1.12.4, loaded from https://shop.example.test/static/lib.js (identified by content): upgrade to 3.5.0 or later',
    );
  });

  test('listed libraries replace URL and content matching', () => {
    // The URL and the content both name jQuery 1.12.4, but the recorder found nothing,
    // so the check must not match them again.
    const result = grade([
      {
        url: 'https://code.jquery.com/jquery-1.12.4.min.js',
        content: packageFile('jquery/dist/jquery.min.js'),
        libraries: [],
      },
    ]);

    expect(result.outcome).toBe('none');
    expect(result.evidence).toBe('no library with a known advisory among 1 scripts');
  });

  test('script without the field is still matched', () => {
    const result = grade([
      { url: 'https://shop.example.test/a.js', libraries: [] },
      { url: 'https://code.jquery.com/jquery-3.4.1.min.js' },
    ]);

    expect(result.evidence).toBe('jquery 3.4.1 (2 medium)');
  });

  test.each([
    ['an unknown library', { library: 'not-in-the-database', version: '1.0.0', method: 'uri' }],
    ['an empty version', { library: 'jquery', version: '', method: 'uri' }],
    ['an unknown method', { library: 'jquery', version: '1.12.4', method: 'guess' }],
    ['a missing name', { version: '1.12.4', method: 'uri' }],
    ['null', null],
  ])('entry with %s is skipped', (_name, entry) => {
    const script = {
      url: 'https://shop.example.test/a.js',
      libraries: [entry],
    } as unknown as ScriptRecord;

    expect(grade([script]).outcome).toBe('none');
  });

  test('incomplete match is noted', () => {
    const result = grade([
      {
        url: 'https://shop.example.test/huge.js',
        libraries: [{ library: 'moment.js', version: '2.19.0', method: 'filecontent' }],
        librariesIncomplete: true,
      },
    ]);

    expect(result.outcome).toBe('high');
    expect(result.notes).toContain(
      'only part of https://shop.example.test/huge.js was matched: it is longer than 4 MiB or matching ran out of time',
    );
  });

  test('recordLibraries lists clean and silenced libraries', () => {
    const page = recordLibraries(
      record([
        {
          url: 'https://shop.example.test/a.js',
          libraries: [
            { library: 'jquery', version: '1.12.4', method: 'filecontent' },
            { library: 'moment.js', version: '2.31.0', method: 'filecontent' },
          ],
        },
      ]),
      ['jquery'],
    );

    expect(
      page.libraries.map(({ library, version, silenced }) => [library, version, silenced]),
    ).toEqual([
      ['jquery', '1.12.4', true],
      ['moment.js', '2.31.0', false],
    ]);
    expect(page.libraries[1]?.advisories).toEqual([]);
  });
});

describe('vulnerable-libraries remediation', () => {
  test('fix upgrades by npm and by CDN URL', () => {
    const result = grade([{ url: 'https://code.jquery.com/jquery-1.12.4.min.js' }]);
    const fix = result.remediation?.fixes[0];

    expect(fix?.stack).toBe('django');
    expect(fix?.code).toBe(
      [
        'npm install jquery@^3.5.0',
        '<script src="https://code.jquery.com/jquery-3.5.0.min.js"></script>',
      ].join('\n'),
    );
    expect(result.remediation?.docs).toBe(
      'https://developer.mozilla.org/en-US/docs/Web/Security/Attacks/Supply_chain_attacks',
    );
  });

  test('library without a fixed release says to replace it', () => {
    const result = grade([
      { url: 'https://ajax.googleapis.com/ajax/libs/angularjs/1.5.0/angular.min.js' },
    ]);

    expect(result.remediation?.fixes[0]?.code).toBe(
      '# angularjs 1.5.0: no release without advisories is known, replace the library',
    );
    expect(result.notes?.[0]).toContain('the database names no release without advisories');
  });

  test('summary quotes the evidence', () => {
    const result = grade([{ url: 'https://code.jquery.com/jquery-3.4.1.min.js' }]);

    expect(result.remediation?.summary).toBe(
      'The page loads a library with known advisories: jquery 3.4.1 (2 medium).',
    );
  });
});

describe('vulnerableLibrariesDatabase', () => {
  test('returns date and advisory count', () => {
    const database = vulnerableLibrariesDatabase();

    expect(database.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(database.advisories).toBeGreaterThan(400);
    expect(database.source).toBe('@salesforce/code-analyzer-retirejs-engine@0.32.0');
  });
});
