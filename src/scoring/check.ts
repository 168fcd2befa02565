// The contract every check implements: a pure function from the grading context to
// one outcome of the weights table, with the evidence that quotes what was received.

import type { HeaderList } from './headers';
import type { CheckId, GradeOptions, Remediation, ResponseRecord, Stack } from './types';
import type { Outcome } from './weights';

export interface CheckContext {
  record: ResponseRecord;
  /** The parsed document URL, or null when the record's `url` is not a valid URL. */
  url: URL | null;
  /** True when the document was served over HTTPS. */
  https: boolean;
  /** True on localhost, `*.localhost`, 127.0.0.0/8 and [::1], unless graded as production. */
  developmentHost: boolean;
  headers: HeaderList;
  stack: Stack;
  options: GradeOptions;
}

export interface Finding<Id extends CheckId> {
  outcome: Outcome<Id>;
  /** The received value, quoted, or a note of what was missing. */
  evidence: string;
  notes?: string[];
}

export interface Check<Id extends CheckId = CheckId> {
  id: Id;
  title: string;
  run(context: CheckContext): Finding<Id>;
  /** Builds what is wrong, why it matters and the fixes, for every outcome below `pass`. */
  remediate(finding: Finding<Id>, context: CheckContext): Remediation;
}
