import { readFileSync } from 'node:fs';

import { describe, expect, test } from 'vitest';

import {
  advisoriesFor,
  buildDatabase,
  firstVersionWithoutAdvisories,
  pinnedDatabase,
  pinnedDatabaseMetadata,
  type LibraryEntry,
} from './database';

const database = pinnedDatabase();

function library(name: string): LibraryEntry {
  const entry = database.libraries.find((candidate) => candidate.name === name);
  if (entry === undefined) {
    throw new Error(`library ${name} is not in the database`);
  }
  return entry;
}

describe('pinned database', () => {
  test('every pattern compiles', () => {
    expect(database.skippedPatterns).toEqual([]);
  });

  test('metadata matches the JSON', () => {
    const raw = JSON.parse(
      readFileSync(new URL('./retire-db.json', import.meta.url), 'utf8'),
    ) as Record<string, { vulnerabilities: unknown[] }>;
    const advisories = Object.values(raw).reduce(
      (sum, entry) => sum + entry.vulnerabilities.length,
      0,
    );

    expect(pinnedDatabaseMetadata().advisories).toBe(advisories);
    expect(pinnedDatabaseMetadata().published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('jquery advisory carries ids and link', () => {
    const cors = advisoriesFor(library('jquery'), '1.12.4').find((advisory) =>
      advisory.cves.includes('CVE-2015-9251'),
    );

    expect(cors).toMatchObject({
      severity: 'medium',
      ghsaIds: ['GHSA-rmxg-73gg-4p98'],
      link: 'https://github.com/advisories/GHSA-rmxg-73gg-4p98',
      fixedIn: '3.0.0-beta1',
      atOrAbove: '1.12.3',
    });
  });
});

describe('advisory summary', () => {
  test('markdown heading is skipped', () => {
    const summaries = advisoriesFor(library('lodash'), '4.17.22').map(
      (advisory) => advisory.summary,
    );

    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatch(/^Lodash versions 4\.0\.0 through 4\.17\.22 are vulnerable/);
  });
});

describe('advisoriesFor', () => {
  test.each([
    ['jquery', '1.12.4', 6],
    ['jquery', '3.4.1', 2],
    ['jquery', '3.5.0', 0],
    ['jquery', '4.1.0', 0],
    ['bootstrap', '3.3.7', 11],
    ['lodash', '4.17.4', 8],
    ['moment.js', '2.19.0', 3],
    ['moment.js', '2.31.0', 0],
    ['angularjs', '1.5.0', 20],
  ])('%s %s has %i advisories', (name, version, count) => {
    expect(advisoriesFor(library(name), version)).toHaveLength(count);
  });

  test('atOrAbove excludes older versions', () => {
    const ids = (version: string): string[] =>
      advisoriesFor(library('jquery'), version).flatMap((advisory) => advisory.cves);

    expect(ids('1.12.4')).toContain('CVE-2015-9251');
    expect(ids('1.3.2')).not.toContain('CVE-2015-9251');
  });
});

describe('firstVersionWithoutAdvisories', () => {
  test.each([
    ['jquery', '1.12.4', '3.5.0'],
    ['jquery', '3.5.0', '3.5.0'],
    ['lodash', '4.17.4', '4.17.23'],
    ['moment.js', '2.19.0', '2.29.4'],
    ['bootstrap', '3.3.7', '4.3.1'],
    ['angularjs', '1.5.0', null],
    ['jquery-mobile', '1.4.5', null],
  ])('%s %s upgrades to %s', (name, version, expected) => {
    expect(firstVersionWithoutAdvisories(library(name), version)).toBe(expected);
  });
});

describe('buildDatabase', () => {
  test('malformed entries are skipped', () => {
    const built = buildDatabase({
      good: {
        extractors: { uri: ['/(§§version§§)/good\\.js'], filecontent: ['good(('] },
        vulnerabilities: [
          { below: '2.0.0', severity: 'urgent', identifiers: {}, info: [] },
          'junk',
        ],
      },
      bad: 'not an object',
    });

    expect(built.libraries.map((entry) => entry.name)).toEqual(['good']);
    expect(built.skippedPatterns).toEqual(['good: good((']);
    expect(built.libraries[0]?.advisories).toHaveLength(1);
    expect(built.libraries[0]?.advisories[0]?.advisory.severity).toBe('medium');
  });

  test('non-object input builds an empty database', () => {
    expect(buildDatabase(null)).toEqual({ libraries: [], ignoredUris: [], skippedPatterns: [] });
  });
});
