// The review's Django site behind nginx, graded in the browser after signing in, and the
// Django and nginx fixes proven on it. Each test starts the site with one setting or directive
// failing and applies the fix the popup shows. It then restarts what changed and expects the
// check to pass with no other check getting worse.

import type { Page } from '@playwright/test';

import type { CheckId, Fix, Verdict } from '../src/scoring/types';

import { createDjangoSite, type DjangoSite } from './servers/django/server.mjs';
import { bindToLoopback, type NginxPlace } from './servers/nginx-sites.mjs';
import { checkRow } from './fixtures';
import {
  expect,
  gradeTab,
  proveFix,
  resultOf,
  test as base,
  turnOffRedirectProbe,
  waitUntilRecording,
  type ShownFix,
} from './proven-hints';

const HOSTNAME = 'django.test';

const test = base.extend<object, { djangoSite: DjangoSite }>({
  djangoSite: [
    async ({ extensionBrowser }, use) => {
      const site = await createDjangoSite({ hostname: HOSTNAME });
      try {
        await site.apply({});
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

async function signIn(site: DjangoSite, page: Page): Promise<void> {
  await page.goto(site.httpsUrl('/login/'));
  await page.getByLabel('Username').fill(site.user.username);
  await page.getByLabel('Password').fill(site.user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/account\/$/);
  await expect(page.locator('#signed-in-as')).toHaveText(`Signed in as ${site.user.username}`);
}

async function signInAndChooseLanguage(site: DjangoSite, page: Page): Promise<void> {
  await signIn(site, page);
  await page.goto(site.httpsUrl('/language/'));
  await page.getByLabel('Language').selectOption('fr');
  await page.getByRole('button', { name: 'Save language' }).click();
  await page.waitForURL(/\/account\/$/);
}

test('review configuration grades B (70) after signing in', async ({
  extensionBrowser,
  djangoSite,
}) => {
  await djangoSite.apply({});
  await extensionBrowser.context.clearCookies();

  const graded = await gradeTab(extensionBrowser, (page) => signIn(djangoSite, page));
  const { popup, report } = graded;

  await expect(popup.getByTestId('grade')).toHaveText('B');
  await expect(popup.getByTestId('score')).toContainText('70');
  expect(report.score).toBe(70);
  expect(report.stack).toBe('django');

  // HSTS without includeSubDomains costs 5, no CSP costs 25, and the bonuses of DENY and
  // the Referrer-Policy are withheld below 90.
  expect(resultOf(report, 'hsts')).toMatchObject({ verdict: 'warn', modifier: -5 });
  expect(resultOf(report, 'csp')).toMatchObject({ verdict: 'fail', modifier: -25 });
  expect(resultOf(report, 'frame-options')).toMatchObject({ verdict: 'pass', modifier: 5 });
  await expect(checkRow(popup, 'session-cookie')).toHaveAttribute('data-verdict', 'pass');
  await expect(checkRow(popup, 'csrf-cookie')).toHaveAttribute('data-verdict', 'pass');
  await expect(popup.locator('[data-verdict="fail"]').first()).toHaveAttribute('data-check', 'csp');
  await expect(popup.locator('[data-verdict="fail"]')).toHaveCount(1);
  await graded.close();
});

test('review cookies come from Django', async ({ extensionBrowser, djangoSite }) => {
  await djangoSite.apply({});
  await extensionBrowser.context.clearCookies();
  await gradeTab(extensionBrowser, (page) => signIn(djangoSite, page)).then((graded) =>
    graded.close(),
  );

  const cookies = await extensionBrowser.context.cookies(djangoSite.httpsUrl('/'));
  expect(cookies.find((cookie) => cookie.name === 'sessionid')).toMatchObject({
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
  });
  expect(cookies.find((cookie) => cookie.name === 'csrftoken')).toMatchObject({
    secure: true,
    httpOnly: false,
    sameSite: 'Lax',
  });
});

type Visit = 'sign-in' | 'login-page' | 'plain-http-login-page' | 'language';

interface DjangoCase {
  name: string;
  checkId: CheckId;
  stack: Fix['stack'];
  /** Settings lines that make the check fail; empty for the review's own configuration. */
  failingSettings: string;
  /** How the fix enters the configuration. */
  target: { kind: 'settings' } | { kind: 'middleware' } | { kind: 'nginx'; place: NginxPlace };
  where: RegExp;
  expected: { verdict: Verdict; outcome: string };
  visit: Visit;
}

const DJANGO_CASES: DjangoCase[] = [
  {
    name: 'hsts',
    checkId: 'hsts',
    stack: 'django',
    failingSettings: '',
    target: { kind: 'settings' },
    where: /settings\.py/,
    expected: { verdict: 'pass', outcome: 'one-year-subdomains' },
    visit: 'sign-in',
  },
  {
    name: 'https-redirect',
    checkId: 'https-redirect',
    stack: 'django',
    failingSettings: 'SECURE_SSL_REDIRECT = False',
    target: { kind: 'settings' },
    where: /settings\.py/,
    expected: { verdict: 'pass', outcome: 'same-host' },
    visit: 'plain-http-login-page',
  },
  {
    name: 'session-cookie',
    checkId: 'session-cookie',
    stack: 'django',
    failingSettings: 'SESSION_COOKIE_SECURE = False',
    target: { kind: 'settings' },
    where: /settings\.py/,
    expected: { verdict: 'pass', outcome: 'secure' },
    visit: 'sign-in',
  },
  {
    name: 'csrf-cookie',
    checkId: 'csrf-cookie',
    stack: 'django',
    failingSettings: 'CSRF_COOKIE_SECURE = False',
    target: { kind: 'settings' },
    where: /settings\.py/,
    expected: { verdict: 'pass', outcome: 'secure' },
    visit: 'sign-in',
  },
  {
    // Django's set_language view sets django_language without Secure or SameSite by default.
    name: 'cookies',
    checkId: 'cookies',
    stack: 'django',
    failingSettings: '',
    target: { kind: 'settings' },
    where: /settings\.py/,
    expected: { verdict: 'pass', outcome: 'secure' },
    visit: 'language',
  },
  {
    name: 'frame-options',
    checkId: 'frame-options',
    stack: 'django',
    failingSettings: 'X_FRAME_OPTIONS = "SAMEORIGIN"',
    target: { kind: 'settings' },
    where: /settings\.py/,
    expected: { verdict: 'pass', outcome: 'deny' },
    visit: 'login-page',
  },
  {
    name: 'content-type-options',
    checkId: 'content-type-options',
    stack: 'django',
    failingSettings: 'SECURE_CONTENT_TYPE_NOSNIFF = False',
    target: { kind: 'settings' },
    where: /settings\.py/,
    expected: { verdict: 'pass', outcome: 'nosniff' },
    visit: 'login-page',
  },
  {
    name: 'referrer-policy',
    checkId: 'referrer-policy',
    stack: 'django',
    failingSettings: 'SECURE_REFERRER_POLICY = "no-referrer-when-downgrade"',
    target: { kind: 'settings' },
    where: /settings\.py/,
    expected: { verdict: 'pass', outcome: 'strict' },
    visit: 'login-page',
  },
  {
    // Django before 4.0 sends X-XSS-Protection: 1; mode=block with this setting.
    name: 'deprecated-headers',
    checkId: 'deprecated-headers',
    stack: 'django',
    failingSettings: 'SECURE_BROWSER_XSS_FILTER = True',
    target: { kind: 'middleware' },
    where: /middleware function listed in MIDDLEWARE/,
    expected: { verdict: 'pass', outcome: 'none' },
    visit: 'login-page',
  },
  {
    name: 'session-cookie',
    checkId: 'session-cookie',
    stack: 'nginx',
    failingSettings: 'SESSION_COOKIE_SECURE = False',
    target: { kind: 'nginx', place: 'location' },
    where: /location block that proxies to the application/,
    expected: { verdict: 'pass', outcome: 'secure' },
    visit: 'sign-in',
  },
  {
    name: 'csrf-cookie',
    checkId: 'csrf-cookie',
    stack: 'nginx',
    failingSettings: 'CSRF_COOKIE_SECURE = False',
    target: { kind: 'nginx', place: 'location' },
    where: /location block that proxies to the application/,
    expected: { verdict: 'pass', outcome: 'secure' },
    visit: 'sign-in',
  },
  {
    // NOTE: the Django fix (SECURE_CSP) needs Django 6.0, newer than Debian 12's python3-django.
    name: 'csp',
    checkId: 'csp',
    stack: 'nginx',
    failingSettings: '',
    target: { kind: 'nginx', place: 'server' },
    where: /server \{ \.\.\. \}/,
    expected: { verdict: 'pass', outcome: 'strict' },
    visit: 'sign-in',
  },
  {
    // NOTE: the Django fix (SECURE_CROSS_ORIGIN_OPENER_POLICY) needs Django 4.0 or later.
    name: 'cross-origin-isolation',
    checkId: 'cross-origin-isolation',
    stack: 'nginx',
    failingSettings: '',
    target: { kind: 'nginx', place: 'server' },
    where: /server \{ \.\.\. \}/,
    expected: { verdict: 'pass', outcome: 'coop-same-origin' },
    visit: 'sign-in',
  },
  {
    // NOTE: the Django fix needs django-permissions-policy, which Debian does not package.
    name: 'permissions-policy',
    checkId: 'permissions-policy',
    stack: 'nginx',
    failingSettings: '',
    target: { kind: 'nginx', place: 'server' },
    where: /server \{ \.\.\. \}/,
    expected: { verdict: 'pass', outcome: 'valid' },
    visit: 'sign-in',
  },
  {
    // The Server header comes from nginx, so the Django fix points to the nginx one, which
    // keeps "Server: nginx" without the version.
    name: 'information-disclosure',
    checkId: 'information-disclosure',
    stack: 'nginx',
    failingSettings: '',
    target: { kind: 'nginx', place: 'http' },
    where: /http \{ \.\.\. \}/,
    expected: { verdict: 'info', outcome: 'products' },
    visit: 'sign-in',
  },
];

function visitFor(site: DjangoSite, visit: Visit): (page: Page) => Promise<void> {
  switch (visit) {
    case 'sign-in':
      return (page) => signIn(site, page);
    case 'language':
      return (page) => signInAndChooseLanguage(site, page);
    case 'plain-http-login-page':
      return async (page) => {
        await page.goto(site.httpUrl('/login/'));
      };
    default:
      return async (page) => {
        await page.goto(site.httpsUrl('/login/'));
      };
  }
}

/** Returns the name of the middleware function that a fix defines. */
function middlewareFunctionName(code: string): string {
  const match = /^def (\w+)\(get_response\):/m.exec(code);
  if (match?.[1] === undefined) {
    throw new Error(`The fix defines no middleware function:\n${code}`);
  }
  return match[1];
}

function configurationWithFix(djangoCase: DjangoCase, fix: ShownFix) {
  const { target } = djangoCase;
  switch (target.kind) {
    case 'settings':
      return { settings: `${djangoCase.failingSettings}\n\n${fix.code}` };
    case 'middleware':
      return {
        settings: `${djangoCase.failingSettings}\n\nMIDDLEWARE += ["site_middleware.${middlewareFunctionName(fix.code)}"]`,
        middleware: `${fix.code}\n`,
      };
    default:
      return {
        settings: djangoCase.failingSettings,
        nginx: { fix: { place: target.place, code: bindToLoopback(fix.code) } },
      };
  }
}

for (const djangoCase of DJANGO_CASES) {
  test(`${djangoCase.stack} fix for ${djangoCase.name} applies to Django`, async ({
    extensionBrowser,
    djangoSite,
  }) => {
    await proveFix({
      browser: extensionBrowser,
      checkId: djangoCase.checkId,
      stack: djangoCase.stack,
      detectedStack: 'django',
      where: djangoCase.where,
      expected: djangoCase.expected,
      visit: visitFor(djangoSite, djangoCase.visit),
      startFailing: () => djangoSite.apply({ settings: djangoCase.failingSettings }),
      applyFix: (fix) => djangoSite.apply(configurationWithFix(djangoCase, fix)),
      describeServer: () => djangoSite.describe(),
    });
  });
}
