import { test as base, expect } from '@playwright/test';

/** The tests' `baseURL` is the web-mode server the global setup started. */
export const test = base.extend({
  // Playwright reads fixture dependencies from the destructuring pattern, so it must be there even if empty.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    const url = process.env.TOLLGATE_E2E_URL;
    if (!url) throw new Error('TOLLGATE_E2E_URL is not set: run through tests/e2e/playwright.config.ts');
    await use(url);
  },
});

export { expect };
