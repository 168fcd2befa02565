/**
 * Vulnerable JavaScript libraries: scripts the page loaded whose library and version have
 * a known advisory in the retire.js vulnerability repository (a pinned copy).
 *
 * Rule: libraries are identified as retire.js 5.7 does, by URL, file name, content
 * patterns (license banners included) and SHA-1 of known files, and a version is
 * affected when it is at or above `atOrAbove` and below `below`. The worst advisory
 * grades: low warns, medium and high or critical fail.
 *
 * Triggers: `https://code.jquery.com/jquery-1.12.4.min.js` fails with medium advisories
 * (the worst of jQuery 1.12.4); a renamed `app.js` with the jQuery 1.12.4 banner too.
 *
 * A script whose record carries `libraries` (matched by the recorder when the page
 * loaded) is not matched again: its listed libraries are looked up as they are.
 */

import type { Check, CheckContext, Finding } from '../check';
import {
  analyzeScripts,
  worstSeverity,
  type LibraryFinding,
  type PageLibraries,
} from '../libraries/analysis';
import {
  pinnedDatabase,
  pinnedDatabaseMetadata,
  type DatabaseMetadata,
} from '../libraries/database';
import { MAX_CONTENT_LENGTH } from '../libraries/matcher';
import { remediateVulnerableLibraries } from '../remediation/vulnerable-libraries';
import type { ResponseRecord } from '../types';

/** Returns the pinned database's source package, publish date and advisory count, for the UI. */
export function vulnerableLibrariesDatabase(): DatabaseMetadata {
  return pinnedDatabaseMetadata();
}

const METHOD_WORDS: Record<LibraryFinding['loadedFrom'][number]['method'], string> = {
  uri: 'URL',
  filename: 'file name',
  filecontent: 'content',
  filecontentreplace: 'content',
  hash: 'SHA-1 of the file',
};

/**
 * Identifies the libraries of a record's scripts, as the check does, for a UI that lists
 * them. Scripts with precomputed `libraries` cost a database lookup, not a match.
 */
export function recordLibraries(
  record: ResponseRecord,
  silencedLibraries: readonly string[] = [],
): PageLibraries {
  const scripts = Array.isArray(record.scripts) ? record.scripts : [];
  return analyzeScripts(scripts, pinnedDatabase(), silencedLibraries);
}

// The check runs and then remediates the same record; the second call reuses the scan.
const scans = new WeakMap<
  ResponseRecord,
  { silenced: string[] | undefined; page: PageLibraries }
>();

/** Identifies the page's libraries once per record and silenced list. */
export function scanPage(context: CheckContext): PageLibraries {
  const silenced = context.options.silencedLibraries;
  const cached = scans.get(context.record);
  if (cached !== undefined && cached.silenced === silenced) {
    return cached.page;
  }
  const scripts = Array.isArray(context.record.scripts) ? context.record.scripts : [];
  const page = analyzeScripts(scripts, pinnedDatabase(), silenced ?? []);
  scans.set(context.record, { silenced, page });
  return page;
}

function advisoryCounts(finding: LibraryFinding): string {
  const counts = new Map<string, number>();
  for (const advisory of finding.advisories) {
    counts.set(advisory.severity, (counts.get(advisory.severity) ?? 0) + 1);
  }
  return [...counts].map(([severity, count]) => `${count} ${severity}`).join(', ');
}

function nameAndVersion(finding: LibraryFinding): string {
  return `${finding.library} ${finding.version}`;
}

function libraryNote(finding: LibraryFinding): string {
  const places = finding.loadedFrom
    .map(({ url, method }) => `${url} (identified by ${METHOD_WORDS[method]})`)
    .join(', ');
  const fix =
    finding.upgradeTo === null
      ? 'the database names no release without advisories: replace the library'
      : `upgrade to ${finding.upgradeTo} or later`;
  if (finding.silenced) {
    return `${nameAndVersion(finding)}, loaded from ${places}: silenced as a patched fork for this site, ${finding.advisories.length} advisories not counted`;
  }
  return `${nameAndVersion(finding)}, loaded from ${places}: ${fix}`;
}

function advisoryNote(finding: LibraryFinding, index: number): string {
  const advisory = finding.advisories[index];
  if (advisory === undefined) {
    return '';
  }
  const ids = [...advisory.cves, ...advisory.ghsaIds].join(' ');
  const fixedIn = advisory.fixedIn === null ? 'no fixed release' : `fixed in ${advisory.fixedIn}`;
  const silenced = finding.silenced ? ' (silenced)' : '';
  return `${nameAndVersion(finding)}${silenced}: ${advisory.severity}${ids === '' ? '' : ` ${ids}`}, ${fixedIn}: ${advisory.summary} ${advisory.link}`.trimEnd();
}

function buildNotes(page: PageLibraries, droppedScripts: unknown): string[] {
  const notes: string[] = [];
  for (const finding of page.libraries.filter((candidate) => candidate.advisories.length > 0)) {
    notes.push(libraryNote(finding));
    finding.advisories.forEach((_advisory, index) => notes.push(advisoryNote(finding, index)));
  }
  for (const url of page.incomplete) {
    notes.push(
      `only part of ${url} was matched: it is longer than ${MAX_CONTENT_LENGTH / 1024 / 1024} MiB or matching ran out of time`,
    );
  }
  if (typeof droppedScripts === 'number' && droppedScripts > 0) {
    notes.push(
      `${droppedScripts} more scripts loaded but were not recorded, so they were not matched`,
    );
  }
  const database = pinnedDatabaseMetadata();
  notes.push(
    `retire.js database from ${database.source}, published ${database.published}, with ${database.advisories} advisories`,
  );
  return notes;
}

export const check: Check<'vulnerable-libraries'> = {
  id: 'vulnerable-libraries',
  title: 'Vulnerable JavaScript libraries',

  run(context): Finding<'vulnerable-libraries'> {
    const page = scanPage(context);
    if (page.scriptCount === 0) {
      return {
        outcome: 'no-scripts',
        evidence: 'the record lists no scripts loaded by the page',
      };
    }

    const notes = buildNotes(page, context.record.droppedScripts);
    const worst = worstSeverity(page);
    if (worst === null) {
      const identified = page.libraries.map(nameAndVersion);
      const silenced = page.libraries.filter(
        (finding) => finding.silenced && finding.worst !== null,
      );
      let evidence = `no library with a known advisory among ${page.scriptCount} scripts`;
      if (identified.length > 0) {
        evidence += ` (identified: ${identified.join(', ')})`;
      }
      if (silenced.length > 0) {
        evidence += `; silenced: ${silenced.map(nameAndVersion).join(', ')}`;
      }
      return { outcome: 'none', evidence, notes };
    }

    const vulnerable = page.libraries.filter(
      (finding) => !finding.silenced && finding.advisories.length > 0,
    );
    return {
      outcome: worst === 'critical' ? 'high' : worst,
      evidence: vulnerable
        .map((finding) => `${nameAndVersion(finding)} (${advisoryCounts(finding)})`)
        .join(', '),
      notes,
    };
  },

  remediate(finding, context) {
    return remediateVulnerableLibraries(finding, context, scanPage(context));
  },
};
