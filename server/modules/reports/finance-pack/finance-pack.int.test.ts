import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../../shared/billing/periods';
import { silentLogger } from '../../../lib/logger';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../../testing/billing.test-kit';
import { START } from '../../../testing/world.test-kit';
import { pdfPages } from '../formats/pdf-text.test-kit';
import { FINANCE_PACK_JOB, financePackJobHandlers, runFinancePacks } from './job';

let world: BillingWorld;
let dir: string;
beforeEach(async () => {
  world = await createBillingWorld();
  dir = mkdtempSync(join(tmpdir(), 'tollgate-pack-'));
});
afterEach(async () => {
  await world.close();
  rmSync(dir, { recursive: true, force: true });
});

const MARCH_1 = Date.UTC(2026, 2, 1, 6);

/** A customer who stays from January, one who leaves in February. */
async function history() {
  const { prices } = world.catalog;
  const stays = await world.customerOnClock('Stella Stays', GOOD_CARD);
  const leaves = await world.customerOnClock('Lena Leaves', GOOD_CARD);
  const staff = world.as('billingA');
  await staff.subscriptions.create({
    customerId: stays.customerId,
    priceId: prices.proMonthlyUsd,
    trialDays: 0,
  });
  const gone = await staff.subscriptions.create({
    customerId: leaves.customerId,
    priceId: prices.enterpriseMonthlyUsd,
    trialDays: 0,
  });
  await world.advance(leaves.clockId, START + 20 * DAY_MS);
  await staff.subscriptions.cancel({ id: gone.subscription.id, when: 'now' });
}

const recipients = (list: string[]) =>
  world.as('billingA').analyticsSettings.update({
    reportingCurrency: 'USD',
    pastDueChurnDays: null,
    financePackRecipients: list,
  });

const attachmentsOf = (emailId: string) =>
  world.database.db
    .selectFrom('email_attachments')
    .select(['filename', 'content'])
    .where('email_id', '=', emailId)
    .orderBy('position')
    .execute();

describe('the monthly finance pack', () => {
  it('goes to each recipient on the 1st with the closed month as PDF and XLSX, once', async () => {
    await history();
    await recipients(['ada@finance.test', 'grace@finance.test']);

    expect(await runFinancePacks(world.database.db, MARCH_1, MARCH_1)).toBe(2);
    expect(await runFinancePacks(world.database.db, MARCH_1, MARCH_1 + 60_000)).toBe(0);

    const emails = await world.database.db
      .selectFrom('email_outbox')
      .select(['id', 'recipient', 'subject', 'text'])
      .where('template', '=', 'finance_pack')
      .orderBy('recipient')
      .execute();
    expect(emails.map((e) => e.recipient)).toEqual(['ada@finance.test', 'grace@finance.test']);
    expect(emails[0]?.subject).toBe('Tenant A: finance pack for February 2026');
    expect(emails[0]?.text).toContain('MRR: $9.99');

    const [pdf, xlsx] = await attachmentsOf(emails[0]?.id ?? '');
    expect([pdf?.filename, xlsx?.filename]).toEqual([
      'finance-pack-2026-02.pdf',
      'finance-pack-2026-02.xlsx',
    ]);
    writeFileSync(join(dir, 'pack.pdf'), Buffer.from(pdf?.content ?? []));
    const text = (await pdfPages(join(dir, 'pack.pdf'))).join('\n');
    expect(text).toContain('February 2026');
    expect(text).toContain('Churn and contraction, Feb 2026');
    expect(text).toContain('Lena Leaves');

    writeFileSync(join(dir, 'pack.xlsx'), Buffer.from(xlsx?.content ?? []));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'pack.xlsx'));
    const months = book.getWorksheet('MRR by month (USD)');
    // Twelve months up to February: March 2025 … February 2026.
    expect(months?.rowCount).toBe(13);
    expect(months?.getRow(13).getCell(1).value).toBe('2026-02');
    expect(months?.getRow(13).getCell(9).value).toBe(9.99);
  });

  it('is not built for a workspace without recipients, and the job schedules the next 1st', async () => {
    await history();
    const handlers = financePackJobHandlers({ db: world.database.db, logger: silentLogger });
    await handlers[FINANCE_PACK_JOB]?.(
      {
        id: 'job_x',
        attempts: 0,
        tenantId: world.tenants.A.id,
        kind: FINANCE_PACK_JOB,
        runAt: MARCH_1,
        payload: {},
        dedupeKey: 'reports.finance-pack:test',
        testClockId: null,
      },
      MARCH_1,
    );
    const outbox = await world.database.db
      .selectFrom('email_outbox')
      .select('id')
      .where('template', '=', 'finance_pack')
      .execute();
    expect(outbox).toEqual([]);
    const next = await world.database.db
      .selectFrom('jobs')
      .select('run_at')
      .where('kind', '=', FINANCE_PACK_JOB)
      .execute();
    expect(next.map((j) => j.run_at)).toContain(Date.UTC(2026, 3, 1, 6));
  });
});
