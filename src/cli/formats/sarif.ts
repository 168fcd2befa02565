// The SARIF 2.1.0 format, for code-scanning dashboards: one rule per check id, one result
// per finding below `pass`, located at the graded URL.

import type { CheckId, CheckResult, Verdict } from '../../scoring/types';
import { SCORING_VERSION, WEIGHTS } from '../../scoring/weights';
import { CHECKLIST } from '../checklist';
import type { GradedPage } from '../graded-page';

export type SarifLevel = 'none' | 'note' | 'warning' | 'error';

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
  properties: Record<string, unknown>;
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: {
      driver: { name: string; version: string; semanticVersion: string; rules: SarifRule[] };
    };
    artifacts: Array<{ location: { uri: string }; roles: ['analysisTarget'] }>;
    results: SarifResult[];
    properties: Record<string, unknown>;
  }>;
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF levels by verdict; `pass` and `n/a` produce no result. */
const LEVELS: Readonly<Record<Verdict, SarifLevel | null>> = {
  fail: 'error',
  warn: 'warning',
  info: 'note',
  pass: null,
  'n/a': null,
};

export function buildSarif(pages: readonly GradedPage[], toolVersion: string): SarifLog {
  const ruleIds = Object.keys(WEIGHTS) as CheckId[];
  const rules = ruleIds.map(toRule);
  const urls = [...new Set(pages.map((page) => page.report.url))];

  const results: SarifResult[] = [];
  for (const { report } of pages) {
    for (const check of report.checks) {
      const level = LEVELS[check.verdict];
      if (level !== null) {
        results.push(toResult(check, level, report.url, ruleIds.indexOf(check.id), report.grade));
      }
    }
  }

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'hardening-inspector',
            version: toolVersion,
            semanticVersion: toolVersion,
            rules,
          },
        },
        artifacts: urls.map((uri) => ({ location: { uri }, roles: ['analysisTarget'] })),
        results,
        properties: {
          scoringVersion: SCORING_VERSION,
          grades: pages.map(({ report }) => ({
            url: report.url,
            grade: report.grade,
            score: report.score,
            capped: report.capped,
            bonusesCounted: report.bonusesCounted,
            developmentHost: report.developmentHost,
          })),
        },
      },
    ],
  };
}

export function formatSarif(pages: readonly GradedPage[], toolVersion: string): string {
  return `${JSON.stringify(buildSarif(pages, toolVersion), null, 2)}\n`;
}

function toRule(id: CheckId): SarifRule {
  const item = CHECKLIST[id];
  return {
    id,
    name: id.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) =>
      letter.toUpperCase(),
    ),
    shortDescription: { text: `Checks ${stripCode(item.setting)}.` },
    fullDescription: { text: item.benefit },
    helpUri: item.docs,
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security'] },
  };
}

function toResult(
  check: CheckResult,
  level: SarifLevel,
  url: string,
  ruleIndex: number,
  grade: string,
): SarifResult {
  const summary = check.remediation?.summary;
  const text = `${check.title}: ${check.evidence}${summary === undefined ? '' : `. ${summary}`}`;
  return {
    ruleId: check.id,
    ruleIndex,
    level,
    message: { text },
    locations: [{ physicalLocation: { artifactLocation: { uri: url } } }],
    properties: {
      verdict: check.verdict,
      outcome: check.outcome,
      modifier: check.modifier,
      grade,
      ...(check.remediation === undefined
        ? {}
        : { fix: check.remediation.fixes[0]?.code, docs: check.remediation.docs }),
    },
  };
}

/** Drops Markdown backticks, which SARIF plain-text messages do not render. */
function stripCode(text: string): string {
  return text.replace(/`/g, '');
}
