// End-to-end tests: headless Chromium with the built extension against servers the tests
// start on 127.0.0.1. The browser and the extension are launched in e2e/fixtures.ts.

import { defineConfig } from '@playwright/test';

const ci = process.env.CI === 'true';

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // One worker: the test site takes ports 443 and 80 when it can, and those exist once per machine.
  workers: 1,
  fullyParallel: false,
  forbidOnly: ci,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: ci ? [['list'], ['html', { open: 'never' }]] : [['list']],
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
