import { describe, expect, test } from 'vitest';

import { WEIGHTS } from '../../scoring/weights';
import { PLAIN_HTTP_PAGE, SAMPLE_PAGE } from './sample-pages';
import { formatSarif } from './sarif';

// Required properties, allowed properties and enumerations of the objects this writer
// emits, as the SARIF 2.1.0 JSON schema (sarif-schema-2.1.0.json, OASIS committee
// specification) defines them. Every object here has "additionalProperties": false.
const SCHEMA = {
  sarifLog: {
    required: ['version', 'runs'],
    allowed: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'],
  },
  run: {
    required: ['tool'],
    allowed: [
      'tool',
      'invocations',
      'conversion',
      'language',
      'versionControlProvenance',
      'originalUriBaseIds',
      'artifacts',
      'logicalLocations',
      'graphs',
      'results',
      'automationDetails',
      'runAggregates',
      'baselineGuid',
      'redactionTokens',
      'defaultEncoding',
      'defaultSourceLanguage',
      'newlineSequences',
      'columnKind',
      'externalPropertyFileReferences',
      'threadFlowLocations',
      'taxonomies',
      'addresses',
      'translations',
      'policies',
      'webRequests',
      'webResponses',
      'specialLocations',
      'properties',
    ],
  },
  tool: { required: ['driver'], allowed: ['driver', 'extensions', 'properties'] },
  toolComponent: { required: ['name'] },
  reportingDescriptor: {
    required: ['id'],
    allowed: [
      'id',
      'deprecatedIds',
      'guid',
      'deprecatedGuids',
      'name',
      'deprecatedNames',
      'shortDescription',
      'fullDescription',
      'messageStrings',
      'defaultConfiguration',
      'helpUri',
      'help',
      'relationships',
      'properties',
    ],
  },
  multiformatMessageString: { required: ['text'] },
  reportingConfiguration: { allowed: ['enabled', 'level', 'rank', 'parameters', 'properties'] },
  result: {
    required: ['message'],
    allowed: [
      'ruleId',
      'ruleIndex',
      'rule',
      'kind',
      'level',
      'message',
      'analysisTarget',
      'locations',
      'guid',
      'correlationGuid',
      'occurrenceCount',
      'partialFingerprints',
      'fingerprints',
      'stacks',
      'codeFlows',
      'graphs',
      'graphTraversals',
      'relatedLocations',
      'suppressions',
      'baselineState',
      'rank',
      'attachments',
      'hostedViewerUri',
      'workItemUris',
      'provenance',
      'fixes',
      'taxa',
      'webRequest',
      'webResponse',
      'properties',
    ],
  },
  artifact: {
    allowed: [
      'description',
      'location',
      'parentIndex',
      'offset',
      'length',
      'roles',
      'mimeType',
      'contents',
      'encoding',
      'sourceLanguage',
      'hashes',
      'lastModifiedTimeUtc',
      'properties',
    ],
  },
  artifactLocation: { allowed: ['uri', 'uriBaseId', 'index', 'description', 'properties'] },
  physicalLocation: {
    allowed: ['address', 'artifactLocation', 'region', 'contextRegion', 'properties'],
  },
  levels: ['none', 'note', 'warning', 'error'],
} as const;

type Json = Record<string, unknown>;

function expectShape(
  value: unknown,
  shape: { required?: readonly string[]; allowed?: readonly string[] },
  where: string,
): Json {
  expect(typeof value, `${where} is an object`).toBe('object');
  const object = value as Json;
  for (const key of shape.required ?? []) {
    expect(object, `${where} has required "${key}"`).toHaveProperty(key);
  }
  for (const key of Object.keys(object)) {
    if (shape.allowed !== undefined) {
      expect(shape.allowed, `${where} property "${key}" is defined by the schema`).toContain(key);
    }
  }
  return object;
}

function locationUri(result: Json): unknown {
  const location = (result.locations as Json[])[0] as Json;
  return ((location.physicalLocation as Json).artifactLocation as Json).uri;
}

function parse(text: string): Json {
  return JSON.parse(text) as Json;
}

describe('formatSarif', () => {
  const log = parse(formatSarif([SAMPLE_PAGE, PLAIN_HTTP_PAGE], '1.2.3'));
  const run = (log.runs as Json[])[0] as Json;
  const driver = (run.tool as Json).driver as Json;
  const rules = driver.rules as Json[];
  const results = run.results as Json[];

  test('sarif log has the 2.1.0 required fields', () => {
    expectShape(log, SCHEMA.sarifLog, 'sarifLog');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expectShape(run, SCHEMA.run, 'run');
    expectShape(run.tool, SCHEMA.tool, 'tool');
    expectShape(driver, SCHEMA.toolComponent, 'tool.driver');
    expect(driver.name).toBe('hardening-inspector');
    expect(driver.version).toBe('1.2.3');
  });

  test('sarif has one rule per check id', () => {
    expect(rules.map((rule) => rule.id)).toEqual(Object.keys(WEIGHTS));
    for (const rule of rules) {
      const where = `rule ${String(rule.id)}`;
      expectShape(rule, SCHEMA.reportingDescriptor, where);
      expectShape(
        rule.shortDescription,
        SCHEMA.multiformatMessageString,
        `${where} shortDescription`,
      );
      expectShape(
        rule.fullDescription,
        SCHEMA.multiformatMessageString,
        `${where} fullDescription`,
      );
      const configuration = expectShape(
        rule.defaultConfiguration,
        SCHEMA.reportingConfiguration,
        `${where} configuration`,
      );
      expect(SCHEMA.levels).toContain(configuration.level);
      expect(String(rule.helpUri)).toMatch(/^https:\/\/developer\.mozilla\.org\//);
    }
  });

  test('sarif results have valid levels and rule links', () => {
    for (const [index, result] of results.entries()) {
      const where = `result ${index}`;
      expectShape(result, SCHEMA.result, where);
      expect(SCHEMA.levels, `${where} level`).toContain(result.level);
      const message = result.message as Json;
      expect(typeof message.text, `${where} message text`).toBe('string');
      expect(rules[result.ruleIndex as number]?.id, `${where} ruleIndex`).toBe(result.ruleId);
      const physical = expectShape(
        (result.locations as Json[])[0]?.physicalLocation,
        SCHEMA.physicalLocation,
        `${where} physicalLocation`,
      );
      expectShape(physical.artifactLocation, SCHEMA.artifactLocation, `${where} artifactLocation`);
    }
  });

  test('sarif maps verdicts to levels and skips passes', () => {
    const sample = results.filter(
      (result) => locationUri(result) === 'https://shop.example.test/account/',
    );
    expect(sample.map((result) => [result.ruleId, result.level])).toEqual([
      ['hsts', 'warning'],
      ['csp', 'error'],
      ['referrer-policy', 'note'],
    ]);
  });

  test('sarif locates each result at the graded URL', () => {
    const uris = results.map(
      (result) =>
        (((result.locations as Json[])[0]?.physicalLocation as Json).artifactLocation as Json).uri,
    );
    expect(new Set(uris)).toEqual(
      new Set(['https://shop.example.test/account/', 'http://old.example.test/']),
    );
    const artifacts = run.artifacts as Json[];
    for (const artifact of artifacts) {
      expectShape(artifact, SCHEMA.artifact, 'artifact');
    }
    expect(artifacts.map((artifact) => (artifact.location as Json).uri)).toEqual([
      'https://shop.example.test/account/',
      'http://old.example.test/',
    ]);
  });

  test('sarif message quotes evidence and fix', () => {
    const csp = results.find((result) => result.ruleId === 'csp');
    expect((csp?.message as Json).text).toBe(
      'Content Security Policy: no Content-Security-Policy header. No Content-Security-Policy header was received.',
    );
  });

  test('sarif keeps each grade in the run properties', () => {
    expect((run.properties as Json).grades).toEqual([
      {
        url: 'https://shop.example.test/account/',
        grade: 'B-',
        score: 65,
        capped: false,
        bonusesCounted: false,
        developmentHost: false,
      },
      {
        url: 'http://old.example.test/',
        grade: 'F',
        score: 60,
        capped: true,
        bonusesCounted: false,
        developmentHost: false,
      },
    ]);
  });
});
