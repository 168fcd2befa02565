// Looks up the advisories of every library a page loaded and groups them per library
// and version, with the upgrade that clears them.

import type { ScriptRecord } from '../types';
import {
  advisoriesFor,
  firstVersionWithoutAdvisories,
  type Advisory,
  type LibraryDatabase,
  type Severity,
} from './database';
import {
  DEFAULT_LIMITS,
  identifyScript,
  type DetectionMethod,
  type LibraryDetection,
  type MatchLimits,
  type ScriptIdentification,
} from './matcher';

export interface LoadedFrom {
  url: string;
  method: DetectionMethod;
}

export interface LibraryFinding {
  /** The library's name in the database, such as `jquery`. */
  library: string;
  npmName?: string;
  version: string;
  loadedFrom: LoadedFrom[];
  /** Advisories that cover this version, most severe first. Empty for a clean version. */
  advisories: Advisory[];
  /** The most severe advisory's severity, or null when there is none. */
  worst: Severity | null;
  /** The first version without advisories, or null when the database names none. */
  upgradeTo: string | null;
  /** True when the user marked the library as a patched fork for this site. */
  silenced: boolean;
}

export interface PageLibraries {
  scriptCount: number;
  /** Every identified library and version, clean ones included. */
  libraries: LibraryFinding[];
  /** Script URLs whose content was only partly matched. */
  incomplete: string[];
}

/**
 * The time budget for matching all the scripts of one page. A script gets the
 * per-script budget or what is left of this one, whichever is smaller.
 * NOTE: the grader runs synchronously, so a page built to make the patterns backtrack
 * can hold the service worker for about this long.
 */
export const PAGE_BUDGET_MILLISECONDS = 8000;

const SEVERITY_RANK: Record<Severity, number> = { low: 1, medium: 2, high: 3, critical: 4 };

export function compareSeverity(left: Severity, right: Severity): number {
  return SEVERITY_RANK[left] - SEVERITY_RANK[right];
}

function isSilenced(finding: { library: string; npmName?: string }, silenced: string[]): boolean {
  const names = silenced.map((name) => name.trim().toLowerCase());
  return (
    names.includes(finding.library.toLowerCase()) ||
    (finding.npmName !== undefined && names.includes(finding.npmName.toLowerCase()))
  );
}

/**
 * Identifies the libraries of a page's scripts and looks up their advisories. Scripts
 * without a string `url` are skipped, because a record may come from any file.
 */
export function analyzeScripts(
  scripts: readonly ScriptRecord[],
  database: LibraryDatabase,
  silenced: readonly string[] = [],
  limits: MatchLimits = DEFAULT_LIMITS,
): PageLibraries {
  const findings = new Map<string, LibraryFinding>();
  const incomplete: string[] = [];
  const pageDeadline = limits.now() + PAGE_BUDGET_MILLISECONDS;
  const silencedNames = silenced.filter((name): name is string => typeof name === 'string');

  for (const script of scripts) {
    if (typeof script?.url !== 'string') {
      continue;
    }
    const remaining = Math.max(0, pageDeadline - limits.now());
    const scriptLimits = {
      ...limits,
      budgetMilliseconds: Math.min(limits.budgetMilliseconds, remaining),
    };
    const content = typeof script.content === 'string' ? script.content : undefined;
    const result = Array.isArray(script.libraries)
      ? precomputedIdentification(script, database)
      : identifyScript({ url: script.url, content }, database, scriptLimits);
    if (result.incomplete) {
      incomplete.push(script.url);
    }

    for (const { library, version, method } of result.detections) {
      const key = `${library.name} ${version}`;
      const existing = findings.get(key);
      if (existing !== undefined) {
        existing.loadedFrom.push({ url: script.url, method });
        continue;
      }

      const advisories = advisoriesFor(library, version).sort((a, b) =>
        compareSeverity(b.severity, a.severity),
      );
      const finding: LibraryFinding = {
        library: library.name,
        version,
        loadedFrom: [{ url: script.url, method }],
        advisories,
        worst: advisories[0]?.severity ?? null,
        upgradeTo:
          advisories.length === 0 ? version : firstVersionWithoutAdvisories(library, version),
        silenced: false,
      };
      if (library.npmName !== undefined) {
        finding.npmName = library.npmName;
      }
      finding.silenced = isSilenced(finding, silencedNames);
      findings.set(key, finding);
    }
  }

  return { scriptCount: scripts.length, libraries: [...findings.values()], incomplete };
}

const DETECTION_METHODS: readonly string[] = [
  'uri',
  'filename',
  'filecontent',
  'filecontentreplace',
  'hash',
];

/**
 * Reads the libraries a recorder identified in a script before grading. Entries that are
 * malformed or name a library missing from this database are skipped.
 */
function precomputedIdentification(
  script: ScriptRecord,
  database: LibraryDatabase,
): ScriptIdentification {
  const detections: LibraryDetection[] = [];
  for (const entry of script.libraries ?? []) {
    if (
      typeof entry?.library !== 'string' ||
      typeof entry.version !== 'string' ||
      entry.version === '' ||
      !DETECTION_METHODS.includes(entry.method)
    ) {
      continue;
    }
    const library = database.libraries.find((candidate) => candidate.name === entry.library);
    if (library !== undefined) {
      detections.push({ library, version: entry.version, method: entry.method });
    }
  }
  return { detections, ignored: false, incomplete: script.librariesIncomplete === true };
}

/** Returns the most severe advisory among the libraries that are not silenced. */
export function worstSeverity(page: PageLibraries): Severity | null {
  let worst: Severity | null = null;
  for (const finding of page.libraries) {
    if (finding.silenced || finding.worst === null) {
      continue;
    }
    if (worst === null || compareSeverity(finding.worst, worst) > 0) {
      worst = finding.worst;
    }
  }
  return worst;
}
