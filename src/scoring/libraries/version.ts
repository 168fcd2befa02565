// Version comparison as retire.js 5.7 does it (`isAtOrAbove` in its lib/retire.js), so a
// detected version falls in the same advisory ranges as in retire.js itself.

type VersionPart = number | string;

/**
 * Splits a version on `.` and `-`. Numeric parts compare as numbers, the others as
 * strings, and a missing part counts as 0.
 */
function partsOf(version: string): string[] {
  return version.split(/[.-]/);
}

function comparable(part: string | undefined): VersionPart {
  if (part === undefined) {
    return 0;
  }
  return /^[0-9]+$/.test(part) ? Number.parseInt(part, 10) : part;
}

/**
 * Compares two versions part by part and returns a negative number, 0 or a positive
 * number. Where one part is numeric and the other is not, the numeric part is greater,
 * so a pre-release sorts below its release: `1.9.0-rc1` < `1.9.0` because `rc1` meets
 * the implied 0, and `1.9.0b1` < `1.9.0` because `0b1` is not numeric.
 */
export function compareVersions(left: string, right: string): number {
  const leftParts = partsOf(left);
  const rightParts = partsOf(right);
  const length = Math.max(leftParts.length, rightParts.length);

  for (let index = 0; index < length; index += 1) {
    const a = comparable(leftParts[index]);
    const b = comparable(rightParts[index]);
    if (typeof a !== typeof b) {
      return typeof a === 'number' ? 1 : -1;
    }
    if (a > b) {
      return 1;
    }
    if (a < b) {
      return -1;
    }
  }
  return 0;
}

export function isAtOrAbove(version: string, bound: string): boolean {
  return compareVersions(version, bound) >= 0;
}

/**
 * Reports whether a version is a placeholder that the database uses for "no fixed
 * release", such as `999.999.999`, `100.0.0` or `2.999.999` (every 2.x release).
 */
export function isPlaceholderVersion(version: string): boolean {
  const parts = partsOf(version).map(comparable);
  const major = parts[0];
  if (typeof major === 'number' && major >= 100) {
    return true;
  }
  return parts.some((part) => typeof part === 'number' && part >= 999);
}
