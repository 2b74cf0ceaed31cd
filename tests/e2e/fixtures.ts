import { test as base, expect } from '@playwright/test';
import { READY_BUDGET_MS } from '../support/budgets';
import { startWebMode, type WebMode } from './web-mode';

/** A notification as the page showed it, recorded by `recordToasts`. */
export interface ShownToast {
  title: string;
  message: string;
}

/**
 * Runs in every page before the console's own scripts: records each notification (Mantine's
 * toasts) as it appears or changes, into `window.__toasts`. A success toast closes after
 * 4 s, which a loaded machine can spend before a test looks, so tests read this record
 * (see `expectToast` in support.ts) rather than what is on screen at that moment.
 * Self-contained: Playwright sends its source to the page.
 */
function recordToasts(): void {
  // The little of the DOM this needs, typed here: the tests' TypeScript has no DOM library.
  interface Found {
    querySelector(selector: string): { textContent: string | null } | null;
  }
  const page = globalThis as unknown as {
    __toasts: ShownToast[];
    document: { querySelectorAll(selector: string): Iterable<Found> };
    MutationObserver: new (callback: () => void) => {
      observe(target: unknown, options: Record<string, boolean>): void;
    };
  };
  const shown: ShownToast[] = [];
  page.__toasts = shown;
  const last = new WeakMap<Found, string>();
  const text = (root: Found, part: string) =>
    root.querySelector(`.mantine-Notification-${part}`)?.textContent?.trim() ?? '';
  const scan = () => {
    for (const root of page.document.querySelectorAll('.mantine-Notification-root')) {
      const toast = { title: text(root, 'title'), message: text(root, 'description') };
      const key = `${toast.title}\n${toast.message}`;
      if (last.get(root) === key) continue;
      last.set(root, key);
      shown.push(toast);
    }
  };
  new page.MutationObserver(scan).observe(page.document, {
    subtree: true,
    childList: true,
    characterData: true,
  });
}

/**
 * Each worker has its own web-mode backend, started on a fresh data directory (the demo
 * workspace) when the worker starts and stopped when it ends, so workers run side by side
 * without seeing each other's changes: a worker's tests meet one backend in file order, as
 * one worker did before. The fixture's budget is the readiness budget: it waits for the
 * server's own announcement, the budget only bounds a start that never ends.
 */
export const test = base.extend<{ baseURL: string }, { webMode: WebMode }>({
  webMode: [
    // Playwright reads fixture dependencies from the destructuring pattern, so it must be there even if empty.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const web = await startWebMode();
      try {
        await use(web);
      } finally {
        await web.stop();
      }
    },
    { scope: 'worker', timeout: READY_BUDGET_MS },
  ],
  baseURL: async ({ webMode }, use) => {
    await use(webMode.url);
  },
  context: async ({ context }, use) => {
    await context.addInitScript(recordToasts);
    await use(context);
  },
});

export { expect };
