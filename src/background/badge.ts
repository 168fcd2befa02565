// The toolbar badge of each tab: the grade of its top document, coloured by letter.

import type { Grade } from '../scoring/types';

/** The shortest time between two badge updates of one tab, in milliseconds. */
export const BADGE_DELAY_MS = 300;

export interface BadgeStyle {
  text: string;
  backgroundColor: string;
  textColor: string;
}

type GradeLetter = 'A' | 'B' | 'C' | 'D' | 'F';

// Dark text on the two light colours, so the letter stays readable.
const STYLES: Record<GradeLetter, Omit<BadgeStyle, 'text'>> = {
  A: { backgroundColor: '#1e8e3e', textColor: '#ffffff' },
  B: { backgroundColor: '#9acd32', textColor: '#000000' },
  C: { backgroundColor: '#ffbf00', textColor: '#000000' },
  D: { backgroundColor: '#f57c00', textColor: '#ffffff' },
  F: { backgroundColor: '#d93025', textColor: '#ffffff' },
};

/** Returns the badge of a grade: the grade itself, such as `B+`, on its letter's colour. */
export function badgeForGrade(grade: Grade): BadgeStyle {
  const letter = grade.charAt(0) as GradeLetter;
  return { text: grade, ...STYLES[letter] };
}

/**
 * Runs a tab's badge update at most once per `delayMs`. Events that arrive while an update is
 * scheduled share it, and the update reads the tab's state when it runs, so it shows the
 * latest record without grading on every event.
 */
export class BadgeScheduler {
  readonly #timers = new Map<number, ReturnType<typeof setTimeout>>();
  readonly #update: (tabId: number) => Promise<void>;
  readonly #delayMs: number;

  constructor(update: (tabId: number) => Promise<void>, delayMs = BADGE_DELAY_MS) {
    this.#update = update;
    this.#delayMs = delayMs;
  }

  schedule(tabId: number): void {
    if (this.#timers.has(tabId)) {
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(tabId);
      void this.#update(tabId);
    }, this.#delayMs);
    this.#timers.set(tabId, timer);
  }

  cancel(tabId: number): void {
    clearTimeout(this.#timers.get(tabId));
    this.#timers.delete(tabId);
  }
}
