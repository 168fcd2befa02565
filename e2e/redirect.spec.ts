// The HTTP to HTTPS redirect, as the browser follows it and the recorder observes it.

import { checkRow, expect, openAndGrade, test, waitForGradedReport } from './fixtures';

test('observed HTTP to HTTPS redirect passes', async ({ context, extensionId, site }) => {
  const httpUrl = site.httpUrl('redirect.test', '/account/?tab=orders');
  const httpsUrl = site.httpsUrl('redirect.test', '/account/?tab=orders');
  site.setPages('redirect.test', {
    '/account/': { body: '<!doctype html><title>Account</title><p>Orders</p>' },
  });

  const { page, popup, tabId } = await openAndGrade(context, extensionId, httpUrl);

  expect(page.url()).toBe(httpsUrl);
  await expect(checkRow(popup, 'https-redirect')).toHaveAttribute('data-verdict', 'pass');

  const { record, report } = await waitForGradedReport(popup, tabId);
  expect(record.url).toBe(httpsUrl);
  expect(record.redirects?.[0]).toMatchObject({ url: httpUrl, status: 301, location: httpsUrl });
  expect(report.checks.find((check) => check.id === 'https-redirect')?.outcome).toBe('same-host');
});

test('probe verifies the redirect of an HTTPS visit', async ({ context, extensionId, site }) => {
  test.skip(
    !site.standardPorts,
    'the probe requests http://HOST/ on port 80, where the test site is not listening',
  );
  site.setPages('probed.test', {
    '/orders': { body: '<!doctype html><title>Orders</title><p>Orders</p>' },
  });

  const { popup, tabId } = await openAndGrade(
    context,
    extensionId,
    site.httpsUrl('probed.test', '/orders'),
  );

  await expect(checkRow(popup, 'https-redirect')).toHaveAttribute('data-verdict', 'pass');
  const { record } = await waitForGradedReport(popup, tabId);
  expect(record.redirects ?? []).toEqual([]);
  expect(record.httpProbe).toMatchObject({
    state: 'response',
    url: 'http://probed.test/orders',
    status: 301,
    location: 'https://probed.test/orders',
  });
});
