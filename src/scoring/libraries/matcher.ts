// Identifies the JavaScript libraries in a script by its URL, file name and content, the
// way retire.js 5.7 does (`scanUri`, `scanFileName` and `scanFileContent` in its
// lib/retire.js), without running any code from the database.

import type { LibraryDatabase, LibraryEntry } from './database';
import { expandReplacement } from './patterns';
import { sha1Hex } from './sha1';

export type DetectionMethod = 'uri' | 'filename' | 'filecontent' | 'filecontentreplace' | 'hash';

export interface LibraryDetection {
  library: LibraryEntry;
  version: string;
  method: DetectionMethod;
}

export interface ScriptIdentification {
  detections: LibraryDetection[];
  /** True when the URL matches the database's `dont check` list, so nothing was matched. */
  ignored: boolean;
  /**
   * True when only part of the content was matched: it was longer than
   * MAX_CONTENT_LENGTH, or matching ran out of its time budget.
   */
  incomplete: boolean;
}

export interface MatchLimits {
  /** Milliseconds that content matching of one script may take before it stops. */
  budgetMilliseconds: number;
  /** The clock, in milliseconds; replaceable in tests. */
  now: () => number;
}

/**
 * The number of characters of a script body that the content patterns see. Longer
 * bodies are matched on their first 4 MiB (a banner past that point is missed) and are
 * not hashed, because the database hashes only small library files.
 */
export const MAX_CONTENT_LENGTH = 4 * 1024 * 1024;

/**
 * Content is matched in windows of WINDOW_LENGTH characters that overlap by
 * WINDOW_OVERLAP, so the cost of one regular expression run is bounded by the window,
 * not by the body. A match is read from the window where it starts.
 * NOTE: a match longer than the overlap is cut at the window's end and can be missed.
 * The bounded repetition of the patterns keeps most matches far shorter.
 */
export const WINDOW_LENGTH = 64 * 1024;
export const WINDOW_OVERLAP = 8 * 1024;

/**
 * Default time budget of content matching for one script. scripts/bench-libraries.mjs
 * measured a 2.5 MiB bundle of twelve library files at 640 ms median and 1,000 ms p95 on a
 * shared 2-core AMD EPYC; the budget leaves room for that and stops a body built to make
 * the patterns backtrack.
 */
export const DEFAULT_LIMITS: MatchLimits = { budgetMilliseconds: 2500, now: () => Date.now() };

/**
 * The number of matches read from one pattern in one window. retire.js reads every
 * match; a body that repeats a banner thousands of times yields the same few versions.
 */
export const MAX_MATCHES_PER_PATTERN = 16;

type ReadVersion = (match: RegExpExecArray) => string | undefined;

/**
 * Runs a global pattern over a text and returns the version that `read` takes from each
 * match starting before `startLimit`. A pattern that throws yields no match: V8 raises a
 * RangeError when the backtracking stack overflows.
 */
function matchAll(
  regex: RegExp,
  text: string,
  read: ReadVersion,
  startLimit = text.length,
): string[] {
  const versions: string[] = [];
  regex.lastIndex = 0;
  try {
    for (let count = 0; count < MAX_MATCHES_PER_PATTERN; count += 1) {
      const match = regex.exec(text);
      if (match === null || match.index >= startLimit) {
        break;
      }
      if (match[0] === '') {
        regex.lastIndex += 1;
      }
      const version = read(match);
      if (version !== undefined && version !== '') {
        versions.push(version);
      }
    }
  } catch {
    // NOTE: the pattern counts as not matching; the other patterns still run.
  } finally {
    regex.lastIndex = 0;
  }
  return versions;
}

const firstGroup: ReadVersion = (match) => match[1];

/** Removes the `.min` or `-min` suffix that the version pattern swallows from `x.min.js`. */
function cleanVersion(version: string): string {
  return version.replace(/[.-]min$/, '');
}

interface ContentPattern {
  library: LibraryEntry;
  regex: RegExp;
  read: ReadVersion;
}

function contentPatterns(
  database: LibraryDatabase,
  method: 'filecontent' | 'filecontentreplace',
): ContentPattern[] {
  const patterns: ContentPattern[] = [];
  for (const library of database.libraries) {
    if (method === 'filecontent') {
      for (const regex of library.filecontent) {
        patterns.push({ library, regex, read: firstGroup });
      }
    } else {
      for (const { regex, replacement } of library.filecontentreplace) {
        patterns.push({ library, regex, read: (match) => expandReplacement(replacement, match) });
      }
    }
  }
  return patterns;
}

/**
 * Runs content patterns window by window until the deadline. Returns the detections and
 * whether every window was matched.
 */
function matchWindows(
  text: string,
  patterns: readonly ContentPattern[],
  method: DetectionMethod,
  deadline: number,
  limits: MatchLimits,
): { detections: LibraryDetection[]; complete: boolean } {
  const detections: LibraryDetection[] = [];
  for (let start = 0; start < text.length || start === 0; start += WINDOW_LENGTH) {
    const last = start + WINDOW_LENGTH >= text.length;
    const window = text.slice(start, start + WINDOW_LENGTH + WINDOW_OVERLAP);
    const startLimit = last ? window.length : WINDOW_LENGTH;

    for (const { library, regex, read } of patterns) {
      if (limits.now() > deadline) {
        return { detections, complete: false };
      }
      for (const version of matchAll(regex, window, read, startLimit)) {
        detections.push({ library, version: cleanVersion(version), method });
      }
    }
    if (last) {
      break;
    }
  }
  return { detections, complete: true };
}

function collect(
  database: LibraryDatabase,
  method: 'uri' | 'filename',
  text: string,
): LibraryDetection[] {
  const detections: LibraryDetection[] = [];
  for (const library of database.libraries) {
    for (const regex of library[method]) {
      for (const version of matchAll(regex, text, firstGroup)) {
        detections.push({ library, version: cleanVersion(version), method });
      }
    }
  }
  return detections;
}

function unique(detections: LibraryDetection[]): LibraryDetection[] {
  const seen = new Set<string>();
  return detections.filter(({ library, version }) => {
    const key = `${library.name} ${version}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

/** Returns the last path segment of a URL, without query or fragment. */
function fileNameOf(url: string): string {
  const path = url.split(/[?#]/)[0] ?? '';
  return path.split(/[/\\]/).pop() ?? '';
}

/**
 * Identifies libraries by URL: the `uri` patterns on the whole URL and the `filename`
 * patterns, anchored at both ends, on its last path segment.
 */
export function identifyByUrl(url: string, database: LibraryDatabase): LibraryDetection[] {
  const fileName = fileNameOf(url);
  return unique([...collect(database, 'uri', url), ...collect(database, 'filename', fileName)]);
}

/**
 * Identifies libraries by content: the `filecontent` patterns, then the
 * `filecontentreplace` patterns when none matched, then the SHA-1 of the text when
 * neither did. Line ends are normalised to `\n` first, as retire.js does before hashing.
 */
export function identifyByContent(
  content: string,
  database: LibraryDatabase,
  limits: MatchLimits = DEFAULT_LIMITS,
): { detections: LibraryDetection[]; incomplete: boolean } {
  const truncated = content.length > MAX_CONTENT_LENGTH;
  const text = (truncated ? content.slice(0, MAX_CONTENT_LENGTH) : content).replace(/\r\n?/g, '\n');
  const deadline = limits.now() + limits.budgetMilliseconds;

  const byContent = matchWindows(
    text,
    contentPatterns(database, 'filecontent'),
    'filecontent',
    deadline,
    limits,
  );
  let detections = byContent.detections;
  let complete = byContent.complete;

  if (detections.length === 0 && complete) {
    const replaced = matchWindows(
      text,
      contentPatterns(database, 'filecontentreplace'),
      'filecontentreplace',
      deadline,
      limits,
    );
    detections = replaced.detections;
    complete = replaced.complete;
  }

  if (detections.length === 0 && complete && !truncated) {
    const hash = sha1Hex(text);
    const library = database.libraries.find((candidate) => candidate.hashes.has(hash));
    const version = library?.hashes.get(hash);
    if (library !== undefined && version !== undefined) {
      detections = [{ library, version, method: 'hash' }];
    }
  }
  return { detections: unique(detections), incomplete: truncated || !complete };
}

/**
 * Identifies the libraries of one script. As in retire.js, the content is matched only
 * when the URL identified nothing, because a versioned URL is the more precise source.
 */
export function identifyScript(
  script: { url: string; content?: string },
  database: LibraryDatabase,
  limits: MatchLimits = DEFAULT_LIMITS,
): ScriptIdentification {
  const ignoredUrl = database.ignoredUris.some(
    (regex) => matchAll(regex, script.url, (match) => match[0]).length > 0,
  );
  if (ignoredUrl) {
    return { detections: [], ignored: true, incomplete: false };
  }

  const byUrl = identifyByUrl(script.url, database);
  if (byUrl.length > 0 || script.content === undefined) {
    return { detections: byUrl, ignored: false, incomplete: false };
  }

  const byContent = identifyByContent(script.content, database, limits);
  return { detections: byContent.detections, ignored: false, incomplete: byContent.incomplete };
}
