// The retire.js vulnerability repository: its libraries, their extractors compiled once,
// and their advisories. The copy is pinned in retire-db.json; nothing is downloaded.

import rawDatabase from './retire-db.json' with { type: 'json' };
import rawMetadata from './retire-db.meta.json' with { type: 'json' };
import { compilePattern, compileReplacePattern, type ReplacePattern } from './patterns';
import { compareVersions, isAtOrAbove, isPlaceholderVersion } from './version';

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export interface Advisory {
  severity: Severity;
  /** CVE ids, such as `CVE-2015-9251`. */
  cves: string[];
  /** GitHub Security Advisory ids, such as `GHSA-rmxg-73gg-4p98`. */
  ghsaIds: string[];
  summary: string;
  /** The GitHub advisory when there is one, else the first reference of the entry. */
  link: string;
  /** Every reference the database lists. */
  references: string[];
  /** First affected version; absent when every version below `below` is affected. */
  atOrAbove?: string;
  /** First version without this advisory, or null when the database names no fixed release. */
  fixedIn: string | null;
}

interface AdvisoryEntry {
  advisory: Advisory;
  below: string;
}

export interface LibraryEntry {
  /** The library's name in the database, such as `jquery` or `moment.js`. */
  name: string;
  npmName?: string;
  uri: RegExp[];
  filename: RegExp[];
  filecontent: RegExp[];
  filecontentreplace: ReplacePattern[];
  /** SHA-1 of a known file's text to its version. */
  hashes: ReadonlyMap<string, string>;
  advisories: AdvisoryEntry[];
}

export interface LibraryDatabase {
  libraries: LibraryEntry[];
  /** Patterns of the `dont check` entry: URLs of scripts that are not matched. */
  ignoredUris: RegExp[];
  /** Patterns skipped because they did not compile, as `library: pattern`. */
  skippedPatterns: string[];
}

export interface DatabaseMetadata {
  /** The npm package the copy was taken from, with its version. */
  source: string;
  /** The source package's publish date (YYYY-MM-DD): the database entries carry no dates. */
  published: string;
  advisories: number;
  libraries: number;
}

const SEVERITIES: readonly string[] = ['low', 'medium', 'high', 'critical'];
const IGNORE_ENTRY = 'dont check';
const SUMMARY_MAX_LENGTH = 300;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/**
 * Shortens a summary to its first paragraph that is not a Markdown heading: some entries
 * carry a whole advisory text that opens with `### Impact`.
 */
function shortSummary(text: string): string {
  const paragraphs = text.split(/\n\s*\n/).map((part) => part.trim());
  const paragraph = paragraphs.find((part) => part !== '' && !/^#+\s/.test(part)) ?? '';
  return paragraph.length > SUMMARY_MAX_LENGTH
    ? `${paragraph.slice(0, SUMMARY_MAX_LENGTH)}…`
    : paragraph;
}

function parseAdvisory(value: unknown): AdvisoryEntry | null {
  if (!isRecord(value) || typeof value.below !== 'string') {
    return null;
  }
  const identifiers = isRecord(value.identifiers) ? value.identifiers : {};
  const cves = strings(identifiers.CVE);
  const ghsaIds = strings(identifiers.githubID);
  const references = strings(value.info);
  const summaryText = strings(identifiers.summary)[0];

  // NOTE: an unknown severity counts as medium, so a new label in a database update
  // still fails the check instead of passing it.
  const severity = (
    typeof value.severity === 'string' && SEVERITIES.includes(value.severity)
      ? value.severity
      : 'medium'
  ) as Severity;

  const firstGhsa = ghsaIds[0];
  const firstCve = cves[0];
  let link = references[0] ?? '';
  if (firstGhsa !== undefined) {
    link = `https://github.com/advisories/${firstGhsa}`;
  } else if (link === '' && firstCve !== undefined) {
    link = `https://nvd.nist.gov/vuln/detail/${firstCve}`;
  }

  const advisory: Advisory = {
    severity,
    cves,
    ghsaIds,
    summary:
      summaryText === undefined ? [...cves, ...ghsaIds].join(', ') : shortSummary(summaryText),
    link,
    references,
    fixedIn: isPlaceholderVersion(value.below) ? null : value.below,
  };
  if (typeof value.atOrAbove === 'string') {
    advisory.atOrAbove = value.atOrAbove;
  }
  return { advisory, below: value.below };
}

function compileAll(name: string, sources: string[], skipped: string[]): RegExp[] {
  const compiled: RegExp[] = [];
  for (const source of sources) {
    const regex = compilePattern(source);
    if (regex === null) {
      skipped.push(`${name}: ${source}`);
    } else {
      compiled.push(regex);
    }
  }
  return compiled;
}

/**
 * Builds the database from the repository's JSON, skipping malformed entries and
 * patterns that do not compile. The `ast` extractors of retire.js 4 and later need a
 * JavaScript parser and the old `func` extractors run code, so both are ignored.
 */
export function buildDatabase(raw: unknown): LibraryDatabase {
  const database: LibraryDatabase = { libraries: [], ignoredUris: [], skippedPatterns: [] };
  if (!isRecord(raw)) {
    return database;
  }

  for (const [name, value] of Object.entries(raw)) {
    if (!isRecord(value)) {
      continue;
    }
    const extractors = isRecord(value.extractors) ? value.extractors : {};
    const skipped = database.skippedPatterns;

    if (name === IGNORE_ENTRY) {
      database.ignoredUris = compileAll(name, strings(extractors.uri), skipped);
      continue;
    }

    const replacePatterns: ReplacePattern[] = [];
    for (const source of strings(extractors.filecontentreplace)) {
      const compiled = compileReplacePattern(source);
      if (compiled === null) {
        skipped.push(`${name}: ${source}`);
      } else {
        replacePatterns.push(compiled);
      }
    }

    const hashes = new Map<string, string>();
    if (isRecord(extractors.hashes)) {
      for (const [hash, version] of Object.entries(extractors.hashes)) {
        if (typeof version === 'string') {
          hashes.set(hash.toLowerCase(), version);
        }
      }
    }

    const advisories = (Array.isArray(value.vulnerabilities) ? value.vulnerabilities : [])
      .map(parseAdvisory)
      .filter((entry): entry is AdvisoryEntry => entry !== null);

    const entry: LibraryEntry = {
      name,
      uri: compileAll(name, strings(extractors.uri), skipped),
      // retire.js anchors a file name pattern by writing `^` before and `$` after it.
      filename: compileAll(
        name,
        strings(extractors.filename).map((source) => `^${source}$`),
        skipped,
      ),
      filecontent: compileAll(name, strings(extractors.filecontent), skipped),
      filecontentreplace: replacePatterns,
      hashes,
      advisories,
    };
    if (typeof value.npmname === 'string') {
      entry.npmName = value.npmname;
    }
    database.libraries.push(entry);
  }
  return database;
}

let defaultDatabase: LibraryDatabase | undefined;

/** Returns the pinned database, compiling its patterns on first use. */
export function pinnedDatabase(): LibraryDatabase {
  defaultDatabase ??= buildDatabase(rawDatabase);
  return defaultDatabase;
}

/** Returns the pinned database's source, date and size, for the UI. */
export function pinnedDatabaseMetadata(): DatabaseMetadata {
  return {
    source: `${rawMetadata.sourcePackage}@${rawMetadata.sourceVersion}`,
    published: rawMetadata.published,
    advisories: rawMetadata.advisories,
    libraries: rawMetadata.libraries,
  };
}

/** Returns the advisories that cover a version, as retire.js's `check` selects them. */
export function advisoriesFor(library: LibraryEntry, version: string): Advisory[] {
  return library.advisories
    .filter(({ advisory, below }) => {
      if (isAtOrAbove(version, below)) {
        return false;
      }
      return advisory.atOrAbove === undefined || isAtOrAbove(version, advisory.atOrAbove);
    })
    .map(({ advisory }) => advisory);
}

/**
 * Returns the first release at or above `version` that no advisory covers, or null when
 * the database names none. Only a version where an advisory range ends can be the
 * first one outside every range, so those are the candidates. Placeholders such as
 * `3.999.999` (the end of a release line) and pre-releases such as `3.0.0-beta1` are
 * skipped, because neither is an upgrade to recommend.
 */
export function firstVersionWithoutAdvisories(
  library: LibraryEntry,
  version: string,
): string | null {
  const candidates = [version, ...library.advisories.map(({ below }) => below)]
    .filter((candidate) => candidate === version || isRelease(candidate))
    .filter((candidate) => isAtOrAbove(candidate, version))
    .sort(compareVersions);

  for (const candidate of candidates) {
    if (advisoriesFor(library, candidate).length === 0) {
      return candidate;
    }
  }
  return null;
}

function isRelease(version: string): boolean {
  return /^\d+(\.\d+)*$/.test(version) && !isPlaceholderVersion(version);
}
