// The nginx fixes, proven on nginx serving a static site. Each test starts nginx with one
// concern broken and applies the fix from the popup's nginx tab to the configuration as written.
// It then restarts nginx and expects the check to pass with no other check getting worse.

import { join } from 'node:path';

import type { CheckId, Verdict } from '../src/scoring/types';

import {
  HARDENED_STATIC_SECTIONS,
  bindToLoopback,
  plainHttpStaticServer,
  renderSite,
  writeStaticSite,
  type NginxPlace,
  type NginxSection,
  type NginxSections,
} from './servers/nginx-sites.mjs';
import { createNginx, type NginxServer } from './servers/nginx.mjs';
import {
  expect,
  gradeTab,
  proveFix,
  test as base,
  turnOffRedirectProbe,
  waitUntilRecording,
  type ShownFix,
} from './proven-hints';

const HOSTNAME = 'static.test';

interface StaticSite {
  server: NginxServer;
  url: (path?: string) => string;
  httpUrl: (path?: string) => string;
  /** Writes the configuration and restarts nginx when it changed. */
  apply: (sections: NginxSections) => Promise<void>;
  plainHttpServer: () => string;
}

const test = base.extend<object, { staticSite: StaticSite }>({
  staticSite: [
    async ({ extensionBrowser }, use) => {
      const server = await createNginx({ dnsNames: [HOSTNAME] });
      const root = join(server.prefix, 'html');
      writeStaticSite(root);
      const suffix = (port: number, standard: number) => (port === standard ? '' : `:${port}`);
      let current: string | undefined;
      const site: StaticSite = {
        server,
        url: (path = '/') => `https://${HOSTNAME}${suffix(server.ports.httpsPort, 443)}${path}`,
        httpUrl: (path = '/') => `http://${HOSTNAME}${suffix(server.ports.httpPort, 80)}${path}`,
        apply: async (sections) => {
          const configuration = renderSite({
            hostname: HOSTNAME,
            ports: server.ports,
            tls: server.tls,
            content: { kind: 'static', root },
            sections,
          });
          if (configuration !== current) {
            await server.restart(configuration);
            current = configuration;
          }
        },
        plainHttpServer: () =>
          plainHttpStaticServer({ hostname: HOSTNAME, ports: server.ports, root }),
      };
      try {
        await site.apply(HARDENED_STATIC_SECTIONS);
        if (!server.ports.standardPorts) {
          await turnOffRedirectProbe(extensionBrowser);
        }
        await waitUntilRecording(extensionBrowser, site.url());
        await use(site);
      } finally {
        await server.close();
      }
    },
    { scope: 'worker' },
  ],
});

const POLICY_WITHOUT_FRAME_ANCESTORS = `add_header Content-Security-Policy "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'" always;`;

interface NginxCase {
  name: string;
  checkId: CheckId;
  /** Sections replaced (or removed, with null) in the hardened configuration. */
  failing: (site: StaticSite) => Record<string, NginxSection | null>;
  /** Turns the shown code into the sections that replace the failing ones. */
  fixSections: (code: string) => Record<string, NginxSection>;
  where: RegExp;
  expected: { verdict: Verdict; outcome: string };
  /** Open the plain-HTTP URL, so the browser follows (or not) the site's own redirect. */
  viaPlainHttp?: boolean;
  /** The fix redirects to `https://$host$request_uri`, which reaches nginx only on port 443. */
  needsStandardPorts?: boolean;
}

const inPlace =
  (name: string, place: NginxPlace) =>
  (code: string): Record<string, NginxSection> => ({
    [name]: { place, code: bindToLoopback(code) },
  });

const CASES: NginxCase[] = [
  {
    name: 'hsts',
    checkId: 'hsts',
    failing: () => ({ hsts: null }),
    fixSections: inPlace('hsts', 'server'),
    where: /server block that serves HTTPS/,
    expected: { verdict: 'pass', outcome: 'one-year-subdomains' },
  },
  {
    name: 'https-redirect',
    checkId: 'https-redirect',
    failing: (site) => ({
      'plain-http': { place: 'plain-http-server', code: site.plainHttpServer() },
    }),
    fixSections: inPlace('plain-http', 'plain-http-server'),
    where: /server block that listens on port 80/,
    expected: { verdict: 'pass', outcome: 'same-host' },
    viaPlainHttp: true,
    needsStandardPorts: true,
  },
  {
    name: 'frame-options without X-Frame-Options',
    checkId: 'frame-options',
    failing: () => ({
      'frame-options': null,
      csp: { place: 'server', code: POLICY_WITHOUT_FRAME_ANCESTORS },
    }),
    fixSections: inPlace('frame-options', 'server'),
    where: /server \{ \.\.\. \}/,
    expected: { verdict: 'pass', outcome: 'deny' },
  },
  {
    name: "frame-options with frame-ancestors 'self'",
    checkId: 'frame-options',
    failing: () => ({
      csp: {
        place: 'server',
        code: POLICY_WITHOUT_FRAME_ANCESTORS.replace(
          `form-action 'self'`,
          `form-action 'self'; frame-ancestors 'self'`,
        ),
      },
    }),
    fixSections: inPlace('frame-ancestors', 'server'),
    where: /server \{ \.\.\. \}/,
    expected: { verdict: 'pass', outcome: 'frame-ancestors-none' },
  },
  {
    name: 'content-type-options',
    checkId: 'content-type-options',
    failing: () => ({ 'content-type-options': null }),
    fixSections: inPlace('content-type-options', 'server'),
    where: /server \{ \.\.\. \}/,
    expected: { verdict: 'pass', outcome: 'nosniff' },
  },
  {
    name: 'csp',
    checkId: 'csp',
    failing: () => ({ csp: null }),
    fixSections: inPlace('csp', 'server'),
    where: /server \{ \.\.\. \}/,
    expected: { verdict: 'pass', outcome: 'strict' },
  },
  {
    name: 'referrer-policy',
    checkId: 'referrer-policy',
    failing: () => ({
      'referrer-policy': {
        place: 'server',
        code: 'add_header Referrer-Policy "unsafe-url" always;',
      },
    }),
    fixSections: inPlace('referrer-policy', 'server'),
    where: /server \{ \.\.\. \}/,
    expected: { verdict: 'pass', outcome: 'strict' },
  },
  {
    name: 'cross-origin-isolation',
    checkId: 'cross-origin-isolation',
    failing: () => ({ 'cross-origin-isolation': null }),
    fixSections: inPlace('cross-origin-isolation', 'server'),
    where: /server \{ \.\.\. \}/,
    expected: { verdict: 'pass', outcome: 'coop-same-origin' },
  },
  {
    name: 'permissions-policy',
    checkId: 'permissions-policy',
    failing: () => ({
      'permissions-policy': {
        place: 'server',
        code: `add_header Permissions-Policy "camera 'none'; microphone 'none'" always;`,
      },
    }),
    fixSections: inPlace('permissions-policy', 'server'),
    where: /server \{ \.\.\. \}/,
    expected: { verdict: 'pass', outcome: 'valid' },
  },
  {
    // `server_tokens off` keeps "Server: nginx" without the version. Removing the header
    // needs the headers-more module, which the fix shows as a comment.
    name: 'information-disclosure',
    checkId: 'information-disclosure',
    failing: () => ({ 'server-tokens': null }),
    fixSections: inPlace('server-tokens', 'http'),
    where: /http \{ \.\.\. \}/,
    expected: { verdict: 'info', outcome: 'products' },
  },
  {
    name: 'deprecated-headers',
    checkId: 'deprecated-headers',
    failing: () => ({
      xss: { place: 'server', code: 'add_header X-XSS-Protection "1; mode=block" always;' },
    }),
    fixSections: inPlace('xss', 'server'),
    where: /server \{ \.\.\. \}/,
    expected: { verdict: 'pass', outcome: 'none' },
  },
  {
    name: 'cors',
    checkId: 'cors',
    failing: () => ({
      cors: {
        place: 'server',
        code: [
          'add_header Access-Control-Allow-Origin "*" always;',
          'add_header Access-Control-Allow-Credentials "true" always;',
        ].join('\n'),
      },
    }),
    fixSections: (code) => {
      // The fix names two places: the map goes into http { }, the headers into server { }.
      const lines = code.split('\n');
      const mapEnd = lines.findIndex((line) => line === '}');
      return {
        'cors-map': { place: 'http', code: lines.slice(0, mapEnd + 1).join('\n') },
        cors: { place: 'server', code: lines.slice(mapEnd + 1).join('\n') },
      };
    },
    where: /http \{ \.\.\. \} for the map, server \{ \.\.\. \} for the headers/,
    expected: { verdict: 'pass', outcome: 'not-shared' },
  },
];

function withChanges(changes: Record<string, NginxSection | null>): NginxSections {
  const sections: Record<string, NginxSection> = { ...HARDENED_STATIC_SECTIONS };
  for (const [name, section] of Object.entries(changes)) {
    if (section === null) {
      delete sections[name];
    } else {
      sections[name] = section;
    }
  }
  return sections;
}

test('hardened static site passes its header checks', async ({ extensionBrowser, staticSite }) => {
  await staticSite.apply(HARDENED_STATIC_SECTIONS);
  const graded = await gradeTab(extensionBrowser, (page) =>
    page.goto(staticSite.url()).then(() => undefined),
  );
  await expect(graded.page.locator('#script-state')).toHaveText('The script ran.');
  expect(graded.report.stack).toBe('nginx');
  // Off port 80 the extension's redirect probe reaches another server or none.
  const failing = graded.report.checks.filter(
    (check) =>
      (check.verdict === 'fail' || check.verdict === 'warn') &&
      (check.id !== 'https-redirect' || staticSite.server.ports.standardPorts),
  );
  expect(failing.map((check) => check.id)).toEqual([]);
  await graded.close();
});

for (const nginxCase of CASES) {
  test(`nginx fix for ${nginxCase.name} applies`, async ({ extensionBrowser, staticSite }) => {
    test.skip(
      nginxCase.needsStandardPorts === true && !staticSite.server.ports.standardPorts,
      'ports 443 and 80 are taken, and the fix redirects to the default HTTPS port',
    );
    const failing = withChanges(nginxCase.failing(staticSite));
    const url = nginxCase.viaPlainHttp === true ? staticSite.httpUrl() : staticSite.url();

    const { after } = await proveFix({
      browser: extensionBrowser,
      checkId: nginxCase.checkId,
      stack: 'nginx',
      detectedStack: 'nginx',
      where: nginxCase.where,
      expected: nginxCase.expected,
      visit: async (page) => {
        await page.goto(url);
      },
      startFailing: () => staticSite.apply(failing),
      applyFix: (fix: ShownFix) =>
        staticSite.apply({ ...failing, ...nginxCase.fixSections(fix.code) }),
      describeServer: () => `nginx.conf:\n${staticSite.server.configuration()}`,
    });
    expect(after.stack).toBe('nginx');
  });
}

test('nginx CSP fix keeps the site script running', async ({ extensionBrowser, staticSite }) => {
  await staticSite.apply(withChanges({ csp: null }));
  const before = await gradeTab(extensionBrowser, (page) =>
    page.goto(staticSite.url()).then(() => undefined),
  );
  const row = before.popup.locator('[data-check="csp"]');
  await row.locator('.check-toggle').click();
  const code = (await row.getByRole('tabpanel').locator('pre').textContent()) ?? '';
  await before.close();

  await staticSite.apply(withChanges({ csp: { place: 'server', code } }));
  const after = await gradeTab(extensionBrowser, (page) =>
    page.goto(staticSite.url()).then(() => undefined),
  );
  await expect(after.page.locator('#script-state')).toHaveText('The script ran.');
  await after.close();
});
