// The Express fixes, proven on an Express application with helmet and express-session. Each
// test starts the application with one section failing and replaces that section with the code
// from the popup's Express tab. It then restarts the application and expects the check to pass
// with no other check getting worse.

import type { Page } from '@playwright/test';

import type { CheckId, Verdict } from '../src/scoring/types';

import {
  createExpressSite,
  type ExpressSections,
  type ExpressSite,
} from './servers/express-site.mjs';
import {
  gradeTab,
  expect,
  proveFix,
  test as base,
  turnOffRedirectProbe,
  waitUntilRecording,
} from './proven-hints';

const HOSTNAME = 'express.test';

const test = base.extend<object, { expressSite: ExpressSite }>({
  expressSite: [
    async ({ extensionBrowser }, use) => {
      const site = await createExpressSite({ hostname: HOSTNAME });
      try {
        await site.apply(site.hardened);
        if (!site.ports.standardPorts) {
          await turnOffRedirectProbe(extensionBrowser);
        }
        await waitUntilRecording(extensionBrowser, site.httpsUrl('/'));
        await use(site);
      } finally {
        await site.close();
      }
    },
    { scope: 'worker' },
  ],
});

async function signIn(site: ExpressSite, page: Page): Promise<void> {
  await page.goto(site.httpsUrl('/login'));
  await page.getByLabel('User').fill('reviewer');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/account$/);
  await expect(page.locator('#signed-in')).toHaveText('Signed in');
}

type SectionName = keyof ExpressSections;

interface ExpressCase {
  name: string;
  checkId: CheckId;
  /** Sections that differ from the hardened application. */
  failing: ExpressSections;
  /** The section the fix replaces. */
  section: SectionName;
  where: RegExp;
  expected: { verdict: Verdict; outcome: string };
  visit?: 'plain-http-login-page';
  /** The fix redirects to `https://${req.hostname}…`, which reaches the app only on port 443. */
  needsStandardPorts?: boolean;
}

const APP_SETUP = /app is set up|application set-up|app\.js|before the routes/;

const CASES: ExpressCase[] = [
  {
    name: 'hsts',
    checkId: 'hsts',
    failing: { helmet: 'app.use(helmet({ strictTransportSecurity: false }));' },
    section: 'helmet',
    where: APP_SETUP,
    expected: { verdict: 'pass', outcome: 'one-year-subdomains' },
  },
  {
    name: 'https-redirect',
    checkId: 'https-redirect',
    failing: { redirect: '' },
    section: 'redirect',
    where: /before the routes/,
    expected: { verdict: 'pass', outcome: 'same-host' },
    visit: 'plain-http-login-page',
    needsStandardPorts: true,
  },
  {
    name: 'session-cookie',
    checkId: 'session-cookie',
    failing: {
      session: [
        'app.use(',
        '  session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }),',
        ');',
      ].join('\n'),
    },
    section: 'session',
    where: /express-session set-up/,
    expected: { verdict: 'pass', outcome: 'secure' },
  },
  {
    name: 'csrf-cookie',
    checkId: 'csrf-cookie',
    failing: { 'csrf-cookie': "res.cookie('XSRF-TOKEN', value);" },
    section: 'csrf-cookie',
    where: /each place the application sets the cookie/,
    expected: { verdict: 'pass', outcome: 'secure' },
  },
  {
    name: 'cookies',
    checkId: 'cookies',
    failing: { cookies: "res.cookie('theme', value);" },
    section: 'cookies',
    where: /each place the application sets the cookie/,
    expected: { verdict: 'pass', outcome: 'secure' },
  },
  {
    // helmet's default policy has frame-ancestors 'self', which browsers obey over X-Frame-Options.
    name: "frame-options with helmet's defaults",
    checkId: 'frame-options',
    failing: {},
    section: 'helmet',
    where: /contentSecurityPolicy directives passed to helmet/,
    expected: { verdict: 'pass', outcome: 'frame-ancestors-none' },
  },
  {
    name: 'frame-options without framing protection',
    checkId: 'frame-options',
    failing: { helmet: 'app.use(helmet({ frameguard: false, contentSecurityPolicy: false }));' },
    section: 'helmet',
    where: APP_SETUP,
    // The fix sets frame-ancestors 'none' too, which browsers obey over X-Frame-Options.
    expected: { verdict: 'pass', outcome: 'frame-ancestors-none' },
  },
  {
    name: 'content-type-options',
    checkId: 'content-type-options',
    failing: { helmet: 'app.use(helmet({ xContentTypeOptions: false }));' },
    section: 'helmet',
    where: APP_SETUP,
    expected: { verdict: 'pass', outcome: 'nosniff' },
  },
  {
    name: 'csp',
    checkId: 'csp',
    failing: { helmet: 'app.use(helmet({ contentSecurityPolicy: false }));' },
    section: 'helmet',
    where: APP_SETUP,
    expected: { verdict: 'pass', outcome: 'strict' },
  },
  {
    name: 'referrer-policy',
    checkId: 'referrer-policy',
    failing: { helmet: "app.use(helmet({ referrerPolicy: { policy: 'unsafe-url' } }));" },
    section: 'helmet',
    where: APP_SETUP,
    expected: { verdict: 'pass', outcome: 'strict' },
  },
  {
    name: 'cross-origin-isolation',
    checkId: 'cross-origin-isolation',
    failing: { helmet: 'app.use(helmet({ crossOriginOpenerPolicy: false }));' },
    section: 'helmet',
    where: APP_SETUP,
    expected: { verdict: 'pass', outcome: 'coop-same-origin' },
  },
  {
    name: 'permissions-policy',
    checkId: 'permissions-policy',
    failing: {},
    section: 'extra',
    where: APP_SETUP,
    expected: { verdict: 'pass', outcome: 'valid' },
  },
  {
    name: 'information-disclosure',
    checkId: 'information-disclosure',
    failing: { helmet: 'app.use(helmet({ xPoweredBy: false }));' },
    section: 'extra',
    where: APP_SETUP,
    expected: { verdict: 'pass', outcome: 'none' },
  },
  {
    name: 'deprecated-headers',
    checkId: 'deprecated-headers',
    failing: {
      extra: [
        'app.use((req, res, next) => {',
        "  res.setHeader('X-XSS-Protection', '1; mode=block');",
        '  next();',
        '});',
      ].join('\n'),
    },
    section: 'extra',
    where: APP_SETUP,
    expected: { verdict: 'pass', outcome: 'none' },
  },
];

test('hardened Express application passes its checks', async ({
  extensionBrowser,
  expressSite,
}) => {
  await expressSite.apply(expressSite.hardened);
  await extensionBrowser.context.clearCookies();
  const graded = await gradeTab(extensionBrowser, (page) => signIn(expressSite, page));
  expect(graded.report.stack).toBe('express');
  const problems = graded.report.checks.filter(
    (check) => check.verdict === 'fail' || check.verdict === 'warn',
  );
  // helmet's defaults allow framing by the same origin and inline styles.
  expect(problems.map((check) => `${check.id}: ${check.outcome}`)).toEqual([
    'frame-options: frame-ancestors-limited',
    'csp: unsafe-inline-styles',
  ]);
  await graded.close();
});

for (const expressCase of CASES) {
  test(`express fix for ${expressCase.name} applies`, async ({ extensionBrowser, expressSite }) => {
    test.skip(
      expressCase.needsStandardPorts === true && !expressSite.ports.standardPorts,
      'ports 443 and 80 are taken, and the fix redirects to the default HTTPS port',
    );
    const failing: ExpressSections = { ...expressSite.hardened, ...expressCase.failing };

    await proveFix({
      browser: extensionBrowser,
      checkId: expressCase.checkId,
      stack: 'express',
      // A sign-in sets express-session's connect.sid, from which the extension detects the stack.
      ...(expressCase.visit === undefined ? { detectedStack: 'express' as const } : {}),
      where: expressCase.where,
      expected: expressCase.expected,
      visit:
        expressCase.visit === 'plain-http-login-page'
          ? async (page) => {
              await page.goto(expressSite.httpUrl('/login'));
            }
          : (page) => signIn(expressSite, page),
      startFailing: () => expressSite.apply(failing),
      applyFix: (fix) => expressSite.apply({ ...failing, [expressCase.section]: fix.code }),
      describeServer: () => expressSite.describe(),
    });
  });
}
