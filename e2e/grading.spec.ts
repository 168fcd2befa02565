// Grades shown by the popup for pages served by the test site, in headless Chromium with
// the built extension.

import type { CheckId, Verdict } from '../src/scoring/types';

import {
  checkRow,
  expect,
  openAndGrade,
  openPopup,
  tabIdOf,
  test,
  waitForGradedReport,
} from './fixtures';
import { hardenedHeaders, renderDocument, type HeaderPair } from './servers/demo-pages.mjs';

test('hardened page grades A+', async ({ context, extensionId, site }) => {
  const { popup } = await openAndGrade(
    context,
    extensionId,
    site.httpsUrl('hardened.test', '/hardened'),
  );

  await expect(popup.getByTestId('grade')).toHaveText('A+');
  const passing: CheckId[] = [
    'https',
    'hsts',
    'session-cookie',
    'csrf-cookie',
    'frame-options',
    'content-type-options',
    'csp',
    'referrer-policy',
    'cross-origin-isolation',
    'permissions-policy',
  ];
  for (const checkId of passing) {
    await expect(checkRow(popup, checkId), checkId).toHaveAttribute('data-verdict', 'pass');
  }
  await expect(popup.locator('[data-verdict="fail"]')).toHaveCount(0);
});

test('weak page grades F on its failing checks', async ({ context, extensionId, site }) => {
  const { popup, tabId } = await openAndGrade(
    context,
    extensionId,
    site.httpsUrl('weak.test', '/weak'),
  );

  await expect(popup.getByTestId('grade')).toHaveText('F');
  const failing: CheckId[] = [
    'hsts',
    'session-cookie',
    'frame-options',
    'content-type-options',
    'csp',
  ];
  for (const checkId of failing) {
    await expect(checkRow(popup, checkId), checkId).toHaveAttribute('data-verdict', 'fail');
  }
  await expect(checkRow(popup, 'information-disclosure')).toHaveAttribute('data-verdict', 'warn');

  const { report } = await waitForGradedReport(popup, tabId);
  expect(report.score).toBe(0);
  expect(report.checks.find((check) => check.id === 'session-cookie')?.outcome).toBe('no-secure');
  expect(report.checks.find((check) => check.id === 'csp')?.outcome).toBe('unsafe-scripts');
});

test('review configuration grades B (70)', async ({ context, extensionId, site }) => {
  // The plain-HTTP URL makes the browser follow the site's own redirect, so the
  // `https-redirect` check observes the hop whatever ports the site listens on.
  const { popup, tabId } = await openAndGrade(
    context,
    extensionId,
    site.httpUrl('review.test', '/review'),
  );

  await expect(popup.getByTestId('grade')).toHaveText('B');
  await expect(popup.getByTestId('score')).toContainText('70');
  const { report } = await waitForGradedReport(popup, tabId);
  expect(report.score).toBe(70);
  expect(report.stack).toBe('django');

  const firstFailing = popup.locator('[data-verdict="fail"]').first();
  await expect(firstFailing).toHaveAttribute('data-check', 'csp');
  await expect(popup.locator('[data-verdict="fail"]')).toHaveCount(1);
  await expect(checkRow(popup, 'hsts')).toHaveAttribute('data-verdict', 'warn');
});

test('review CSP finding shows Django and nginx fixes', async ({ context, extensionId, site }) => {
  const { popup } = await openAndGrade(
    context,
    extensionId,
    site.httpUrl('review-fix.test', '/review'),
  );
  const row = checkRow(popup, 'csp');

  await row.locator('.check-toggle').click();
  const panel = row.getByRole('tabpanel');
  await expect(panel).toHaveAttribute('data-stack', 'django');
  await expect(panel).toContainText('SECURE_CSP');

  await row.locator('[role="tab"][id$="-tab-nginx"]').click();
  await expect(panel).toHaveAttribute('data-stack', 'nginx');
  await expect(panel).toContainText('add_header Content-Security-Policy');
});

test('demo pages keep their grades in one tab', async ({ context, extensionId, site }) => {
  const page = await context.newPage();
  await page.goto(site.httpsUrl('walk.test', '/'));
  const tabId = await tabIdOf(context, page);
  const visits: Array<[link: string, path: string, grade: string]> = [
    ['Weak page', '/weak', 'F'],
    ['Review configuration', '/review', 'B'],
    ['Hardened page', '/hardened', 'A+'],
  ];

  for (const [link, path, grade] of visits) {
    await page.goto(site.httpsUrl('walk.test', '/'));
    await page.getByRole('link', { name: link }).click();
    await page.waitForURL(site.httpsUrl('walk.test', path));

    const popup = await openPopup(context, extensionId, tabId);
    await expect(popup.getByTestId('url'), link).toHaveText(site.httpsUrl('walk.test', path));
    await expect(popup.getByTestId('grade'), link).toHaveText(grade);
    await popup.close();
  }
});

test('strict CSP passes where unsafe-inline fails', async ({ context, extensionId, site }) => {
  const policyPage = (policy: (nonce: string) => string) => ({
    headers: ({ nonce }: { nonce: string }): HeaderPair[] => [
      ['Content-Security-Policy', policy(nonce)],
    ],
    body: ({ nonce }: { nonce: string }) =>
      renderDocument({
        title: 'Policy',
        main: '<p id="with-nonce">blocked</p><p id="without-nonce">blocked</p>',
        nonce,
        script: `document.getElementById('with-nonce').textContent = 'ran';`,
      }) + `<script>document.getElementById('without-nonce').textContent = 'ran';</script>`,
  });
  site.setPages('csp-strict.test', {
    '/': policyPage(
      (nonce) => `script-src 'nonce-${nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'`,
    ),
  });
  site.setPages('csp-inline.test', {
    '/': policyPage(() => "script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'"),
  });

  const strict = await openAndGrade(context, extensionId, site.httpsUrl('csp-strict.test', '/'));
  const inline = await openAndGrade(context, extensionId, site.httpsUrl('csp-inline.test', '/'));

  // The browser enforces what the extension grades: only the nonce script runs under the strict policy.
  await expect(strict.page.locator('#with-nonce')).toHaveText('ran');
  await expect(strict.page.locator('#without-nonce')).toHaveText('blocked');
  await expect(inline.page.locator('#without-nonce')).toHaveText('ran');

  await expect(checkRow(strict.popup, 'csp')).toHaveAttribute('data-verdict', 'pass');
  await expect(checkRow(inline.popup, 'csp')).toHaveAttribute('data-verdict', 'fail');
  const strictReport = await waitForGradedReport(strict.popup, strict.tabId);
  const inlineReport = await waitForGradedReport(inline.popup, inline.tabId);
  expect(strictReport.report.checks.find((check) => check.id === 'csp')?.outcome).toBe('strict');
  expect(inlineReport.report.checks.find((check) => check.id === 'csp')?.outcome).toBe(
    'unsafe-scripts',
  );
});

interface CookieCase {
  hostname: string;
  setCookies: string[];
  verdicts: Partial<Record<CheckId, Verdict>>;
}

const COOKIE_CASES: CookieCase[] = [
  {
    hostname: 'cookies-flagged.test',
    setCookies: [
      'sessionid=s1; Path=/; Secure; HttpOnly; SameSite=Lax',
      'csrftoken=c1; Path=/; Secure; SameSite=Lax',
      'theme=dark; Path=/; Secure; SameSite=Lax',
    ],
    verdicts: { 'session-cookie': 'pass', 'csrf-cookie': 'pass', cookies: 'pass' },
  },
  {
    hostname: 'cookies-bare.test',
    setCookies: ['sessionid=s1; Path=/', 'csrftoken=c1; Path=/', 'theme=dark; Path=/'],
    verdicts: { 'session-cookie': 'fail', 'csrf-cookie': 'fail', cookies: 'warn' },
  },
  {
    hostname: 'cookies-readable.test',
    setCookies: ['sessionid=s1; Path=/; Secure; SameSite=Lax', 'csrftoken=c1; Path=/; Secure'],
    verdicts: { 'session-cookie': 'fail', 'csrf-cookie': 'warn', cookies: 'n/a' },
  },
];

for (const { hostname, setCookies, verdicts } of COOKIE_CASES) {
  test(`cookie flags graded on ${hostname}`, async ({ context, extensionId, site }) => {
    site.setPages(hostname, {
      '/': {
        headers: setCookies.map((line): HeaderPair => ['Set-Cookie', line]),
        body: renderDocument({ title: 'Cookies', main: '<p>Sets cookies.</p>' }),
      },
    });

    const { popup } = await openAndGrade(context, extensionId, site.httpsUrl(hostname, '/'));

    for (const [checkId, verdict] of Object.entries(verdicts)) {
      await expect(checkRow(popup, checkId as CheckId), checkId).toHaveAttribute(
        'data-verdict',
        verdict,
      );
    }
  });
}

test('cookie jar records the flags the browser kept', async ({ context, extensionId, site }) => {
  site.setPages('cookie-jar.test', {
    '/account': {
      headers: hardenedHeaders,
      body: renderDocument({ title: 'Cookie jar', main: '<p>Sets cookies.</p>' }),
    },
  });

  const { popup, tabId } = await openAndGrade(
    context,
    extensionId,
    site.httpsUrl('cookie-jar.test', '/account'),
  );
  const { record } = await waitForGradedReport(popup, tabId);
  const session = record.cookies?.find((cookie) => cookie.name === 'sessionid');

  expect(session).toMatchObject({
    secure: true,
    httpOnly: true,
    sameSite: 'strict',
    hostOnly: true,
  });
});
