// Message keys for the values of a report that the pages show as words.

import type { Severity } from '../scoring/libraries/database';
import type { ScriptLibrary, Stack, Verdict } from '../scoring/types';
import type { MessageKey } from '../shared/i18n';

export const VERDICT_LABEL_KEYS = {
  pass: 'verdictPass',
  warn: 'verdictWarn',
  fail: 'verdictFail',
  info: 'verdictInfo',
  'n/a': 'verdictNotApplicable',
} as const satisfies Record<Verdict, MessageKey>;

export const STACK_LABEL_KEYS = {
  django: 'stackDjango',
  nginx: 'stackNginx',
  apache: 'stackApache',
  express: 'stackExpress',
  caddy: 'stackCaddy',
  unknown: 'stackUnknown',
} as const satisfies Record<Stack, MessageKey>;

export const SEVERITY_LABEL_KEYS = {
  low: 'severityLow',
  medium: 'severityMedium',
  high: 'severityHigh',
  critical: 'severityCritical',
} as const satisfies Record<Severity, MessageKey>;

export const DETECTION_METHOD_LABEL_KEYS = {
  uri: 'libraryMethodUrl',
  filename: 'libraryMethodFileName',
  filecontent: 'libraryMethodContent',
  filecontentreplace: 'libraryMethodContent',
  hash: 'libraryMethodHash',
} as const satisfies Record<ScriptLibrary['method'], MessageKey>;
