// The grading loop the three cookie checks share: each cookie's problems, the `Secure` rule
// for development hosts, and the worst outcome over all cookies.

import type { CheckContext } from './check';
import { describeCookie, developmentSecureNote, type GradedCookie } from './cookies';

/** One problem of one cookie: the outcome it leads to and, when it has one, the missing attribute. */
export interface CookieProblem<O extends string> {
  outcome: O;
  lacks?: string;
}

export interface CookieGrading<O extends string> {
  outcome: O;
  /** Every outcome some cookie led to. */
  found: ReadonlySet<O>;
  /** Each cookie with what it lacks, joined for the finding's evidence. */
  evidence: string;
  notes: string[];
}

/**
 * Grades cookies against a severity list, worst outcome first and the passing outcome last.
 * A missing `Secure` leads to `missingSecure`, except on a development host, where it only
 * adds a note. `inspect` returns each cookie's other problems.
 */
export function gradeCookies<O extends string>(
  cookies: readonly GradedCookie[],
  context: CheckContext,
  severity: readonly O[],
  missingSecure: O,
  inspect: (cookie: GradedCookie) => Array<CookieProblem<O>>,
): CookieGrading<O> {
  const found = new Set<O>();
  const lines: string[] = [];
  const insecureOnDevelopmentHost: string[] = [];

  for (const cookie of cookies) {
    const problems: Array<CookieProblem<O>> = [];
    if (!cookie.secure) {
      if (context.developmentHost) {
        insecureOnDevelopmentHost.push(cookie.name);
      } else {
        problems.push({ outcome: missingSecure, lacks: 'Secure' });
      }
    }
    problems.push(...inspect(cookie));

    for (const problem of problems) {
      found.add(problem.outcome);
    }
    const lacks = problems.flatMap((problem) =>
      problem.lacks === undefined ? [] : [problem.lacks],
    );
    lines.push(describeCookie(cookie, lacks));
  }

  const passing = severity[severity.length - 1] as O;
  const outcome = severity.find((candidate) => found.has(candidate)) ?? passing;
  const notes =
    insecureOnDevelopmentHost.length > 0 ? [developmentSecureNote(insecureOnDevelopmentHost)] : [];
  return { outcome, found, evidence: lines.join('; '), notes };
}
