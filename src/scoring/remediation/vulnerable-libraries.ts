// Remediation for pages that load a JavaScript library with a known advisory.

import type { CheckContext, Finding } from '../check';
import type { LibraryFinding, PageLibraries } from '../libraries/analysis';
import type { Fix, Remediation } from '../types';
import { orderFixes } from './order';

const DOCS = 'https://developer.mozilla.org/en-US/docs/Web/Security/Attacks/Supply_chain_attacks';

/**
 * Place of the upgrade on each stack. The Fix type keys a snippet by server stack. A
 * library upgrade is the same npm command or script URL whatever serves the page, so
 * every stack gets the same code, and `where` names the place that stack keeps its
 * front-end files.
 */
const WHERE: Record<Fix['stack'], string> = {
  django:
    'package.json of the front-end build, or the file under STATICFILES_DIRS; then run python manage.py collectstatic',
  nginx: 'package.json of the front-end build, or the file under the root that nginx serves',
  apache: 'package.json of the front-end build, or the file under the DocumentRoot',
  express: 'package.json of the app (the <script> tag if it loads the file from a CDN)',
  caddy: 'package.json of the front-end build, or the file under the root of the file_server',
};

/** Replaces the version in a versioned CDN URL, such as `/3.3.7/js/bootstrap.min.js`. */
function upgradedUrl(url: string, version: string, upgradeTo: string): string | null {
  const index = url.lastIndexOf(version);
  if (index === -1) {
    return null;
  }
  return `${url.slice(0, index)}${upgradeTo}${url.slice(index + version.length)}`;
}

function upgradeLines(finding: LibraryFinding): string[] {
  if (finding.upgradeTo === null) {
    return [
      `# ${finding.library} ${finding.version}: no release without advisories is known, replace the library`,
    ];
  }
  const lines: string[] = [];
  if (finding.npmName !== undefined) {
    lines.push(`npm install ${finding.npmName}@^${finding.upgradeTo}`);
  }
  for (const { url, method } of finding.loadedFrom) {
    if (method !== 'uri' && method !== 'filename') {
      continue;
    }
    const replacement = upgradedUrl(url, finding.version, finding.upgradeTo);
    if (replacement !== null) {
      lines.push(`<script src="${replacement}"></script>`);
    }
  }
  if (lines.length === 0) {
    lines.push(
      `# replace ${finding.library} ${finding.version} with ${finding.upgradeTo} or later`,
    );
  }
  return lines;
}

/**
 * Builds the fix from the page's scan. Without one (a report graded elsewhere), the fix
 * is a scan of the site's JavaScript with the retire.js command-line tool.
 */
export function remediateVulnerableLibraries(
  finding: Finding<'vulnerable-libraries'>,
  context: CheckContext,
  page: PageLibraries,
): Remediation {
  const vulnerable = page.libraries.filter(
    (library) => !library.silenced && library.advisories.length > 0,
  );

  const code =
    vulnerable.length > 0
      ? vulnerable.flatMap(upgradeLines).join('\n')
      : [
          '# list the vulnerable libraries of the site, then upgrade each one',
          'npx retire --path static/',
        ].join('\n');

  const summary =
    vulnerable.length > 0
      ? `The page loads ${vulnerable.length === 1 ? 'a library' : 'libraries'} with known advisories: ${finding.evidence}.`
      : `The page loads a library with known advisories: ${finding.evidence}.`;

  const fixes = (Object.keys(WHERE) as Array<Fix['stack']>).map((stack): Fix => ({
    stack,
    where: WHERE[stack],
    code,
  }));

  return {
    summary,
    why: 'A published advisory comes with a description of the flaw, and often a working exploit, so attackers scan for these versions. A flaw in a library runs with the full rights of the page, as cross-site scripting in the site itself would (OWASP Top 10: Vulnerable and Outdated Components).',
    fixes: orderFixes(fixes, context.stack),
    docs: DOCS,
  };
}
