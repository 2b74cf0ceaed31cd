import type { Page } from '@playwright/test';
import { SCREEN_BUDGET_MS } from '../support/budgets';
import { expect, test } from './fixtures';

/**
 * The frame at the two window sizes staff use most: a 1024×700 laptop and a 1440×900
 * desktop. Nothing scrolls sideways, the search box stays one line, and the sidebar's
 * background reaches the bottom of the window however far a long page is scrolled.
 */

const LIST_PAGES = [
  { hash: '#/overview', ready: 'table' },
  { hash: '#/customers', ready: 'grid' },
  { hash: '#/subscriptions', ready: 'grid' },
  // The demo workspace holds licenses of its own (server/demo/licensing.ts), so the list has rows.
  { hash: '#/licenses', ready: 'grid' },
  { hash: '#/invoices', ready: 'grid' },
  { hash: '#/payments', ready: 'grid' },
  { hash: '#/recovery', ready: 'heading' },
  { hash: '#/emails', ready: 'grid' },
  { hash: '#/stripe-events', ready: 'heading' },
  { hash: '#/audit', ready: 'grid' },
  { hash: '#/test-clocks', ready: 'heading' },
  { hash: '#/admin/tenants', ready: 'table' },
  { hash: '#/admin/members', ready: 'table' },
  { hash: '#/admin/api-keys', ready: 'heading' },
  { hash: '#/admin/backups', ready: 'heading' },
  { hash: '#/admin/jobs', ready: 'heading' },
  { hash: '#/exports', ready: 'heading' },
] as const;

interface Overflow {
  page: { scrollWidth: number; clientWidth: number };
  /** Grids and tables wider than the box that holds them. */
  wide: { what: string; scrollWidth: number; clientWidth: number }[];
}

/** What is wider than it may be: the page itself, each grid's scroller, each table against its box. */
function measureOverflow(page: Page): Promise<Overflow> {
  // A string: the tests' tsconfig has no DOM types.
  return page.evaluate<Overflow>(`(() => {
    const root = document.scrollingElement;
    const wide = [];
    for (const grid of document.querySelectorAll('[role="grid"]')) {
      if (grid.scrollWidth > grid.clientWidth + 1)
        wide.push({ what: 'grid ' + grid.getAttribute('aria-label'), scrollWidth: grid.scrollWidth, clientWidth: grid.clientWidth });
    }
    for (const table of document.querySelectorAll('main table')) {
      const box = table.parentElement;
      if (table.scrollWidth > table.clientWidth + 1 || table.offsetWidth > box.clientWidth + 1)
        wide.push({ what: 'table ' + table.getAttribute('aria-label'), scrollWidth: table.offsetWidth, clientWidth: box.clientWidth });
    }
    return { page: { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth }, wide };
  })()`);
}

/** Budgets for a loaded, shared machine: waits end at the signal, these only bound them. */
const LOADED = { timeout: SCREEN_BUDGET_MS };

test.beforeEach(() => {
  test.slow();
});

async function openAndWait(page: Page, hash: string, ready: 'grid' | 'table' | 'heading') {
  await page.goto(`/${hash}`);
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 2 }).first()).toBeVisible(LOADED);
  // The header row, then a data row: the grid has its columns and rows laid out.
  if (ready === 'grid')
    await expect(main.getByRole('grid').first().getByRole('row').nth(1)).toBeVisible(LOADED);
  if (ready === 'table') await expect(main.getByRole('table').first()).toBeVisible(LOADED);
}

for (const size of [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
]) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('no list page scrolls sideways, nor any table in it', async ({ page }) => {
      for (const { hash, ready } of LIST_PAGES) {
        await openAndWait(page, hash, ready);
        const overflow = await measureOverflow(page);
        // Soft: one run reports every page that overflows, not just the first.
        expect
          .soft(overflow.page.scrollWidth, `${hash}: the page`)
          .toBeLessThanOrEqual(overflow.page.clientWidth);
        expect.soft(overflow.wide, `${hash}: grids and tables`).toEqual([]);
      }
    });

    test('the search box keeps to one line', async ({ page }) => {
      await openAndWait(page, '#/customers', 'grid');
      const words = page.getByTestId('search-trigger').getByText('Search or jump to…');
      const box = await words.boundingBox();
      // One line of small text is about 20px; the wrapped placeholder was three lines.
      expect(box?.height).toBeLessThan(30);
      const trigger = await page.getByTestId('search-trigger').boundingBox();
      expect(trigger?.height).toBeLessThanOrEqual(36);
    });

    test('the sidebar’s background covers the window after scrolling a long page', async ({ page }) => {
      // The Recovery page (figures, chart, table) is longer than either window.
      await openAndWait(page, '#/recovery', 'heading');
      await page.evaluate('window.scrollTo(0, document.scrollingElement.scrollHeight)');
      expect(await page.evaluate<number>('window.scrollY')).toBeGreaterThan(0);
      const sidebar = page.getByRole('navigation', { name: 'Main' }).locator('xpath=ancestor::nav[last()]');
      const box = await sidebar.boundingBox();
      expect(box?.y).toBeLessThanOrEqual(0);
      expect((box?.y ?? 0) + (box?.height ?? 0)).toBeGreaterThanOrEqual(size.height);
      const background = String(await sidebar.evaluate('(el) => getComputedStyle(el).backgroundColor'));
      expect(background).not.toBe('rgba(0, 0, 0, 0)');
    });
  });
}

test.describe('at 1024×700', () => {
  test.use({ viewport: { width: 1024, height: 700 } });

  test('the sidebar folds to icons, each still named and reachable', async ({ page }) => {
    await openAndWait(page, '#/customers', 'grid');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const box = await nav.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(64);
    await nav.getByRole('link', { name: 'Invoices' }).click();
    await expect(page).toHaveURL(/#\/invoices/);
  });
});

test.describe('at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('invoice periods and dates are shown whole, not cut off', async ({ page }) => {
    await openAndWait(page, '#/invoices', 'grid');
    const cut = await page.evaluate<string[]>(`(() => {
      const grid = document.querySelector('[role="grid"][aria-label="Invoices"]');
      const headers = [...grid.querySelectorAll('[role="columnheader"]')].map((h) => h.textContent.trim());
      const wanted = ['Period', 'Issued'].map((name) => headers.indexOf(name));
      const cut = [];
      for (const row of grid.querySelectorAll('[role="row"]')) {
        const cells = row.querySelectorAll('[role="gridcell"]');
        for (const index of wanted) {
          const cell = cells[index];
          if (!cell) continue;
          const text = cell.firstElementChild ?? cell;
          if (cell.scrollWidth > cell.clientWidth + 1 || text.scrollWidth > text.clientWidth + 1)
            cut.push(headers[index] + ': ' + cell.textContent);
        }
      }
      return wanted.includes(-1) ? ['missing column: ' + headers.join(', ')] : cut;
    })()`);
    expect(cut).toEqual([]);
  });
});
