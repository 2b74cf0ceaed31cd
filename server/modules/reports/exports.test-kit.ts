import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { ExportSource, ExportStartInput, ExportSummary } from '../../../shared/exports/schema';
import type { Page } from '../../../shared/page';
import { DAY_MS } from '../../../shared/billing/periods';
import { silentLogger } from '../../lib/logger';
import {
  createBillingWorld,
  FAILING_CARD,
  GOOD_CARD,
  type BillingWorld,
} from '../../testing/billing.test-kit';
import { START, type Persona } from '../../testing/world.test-kit';
import { dispatchBillingEvents } from '../emails';
import { parseCsv } from './formats/csv-parse.test-kit';
import { pdfPages } from './formats/pdf-text.test-kit';
import { ExportRunner } from './runner';
import { EXPORT_SOURCE_DEFS } from './sources';

type Item = Page<Record<string, unknown>>;

export interface ExportWorld extends BillingWorld {
  runner: ExportRunner;
  directory: string;
  /** Starts an export as `persona` and waits for it to end. */
  exportAs(persona: Persona, input: ExportStartInput): Promise<ExportSummary>;
  /** Every item of the list `source` with `view`, page by page, as the console reads it. */
  listAll(
    persona: Persona,
    source: ExportSource,
    view: Record<string, unknown>,
  ): Promise<Record<string, unknown>[]>;
  fileOf(summary: ExportSummary): string;
  /** Tenant A's license policies: Gold holds three licenses, Silver two. */
  policies: { gold: string; silver: string };
}

/**
 * A billing world with an export runner reading two-row pages (so every export crosses page
 * ends), and in tenant A: customers with paid and failed subscriptions, their invoices,
 * payments, emails and audit trail (and two whose card fails when their trial ends, so their invoices are in
 * recovery), three Stripe events, and five licenses under two policies.
 */
export async function createExportWorld(): Promise<ExportWorld> {
  const world = await createBillingWorld();
  const directory = await mkdtemp(join(tmpdir(), 'tollgate-exports-'));
  const runner = new ExportRunner(world.database.db, directory, silentLogger, 2);
  world.services.exports = runner;
  const staff = world.as('billingA');
  const names = ['Ada "Countess" Lovelace', 'Grace Hopper, USN', 'Zoë Müller', '=Mallory', 'Alan Turing'];
  const customerIds: string[] = [];
  for (const [index, name] of names.entries()) {
    const { customerId } = await world.customerOnClock(name, index === 3 ? FAILING_CARD : GOOD_CARD);
    customerIds.push(customerId);
    await staff.subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      trialDays: 0,
    });
    world.clock.advance(60_000);
  }
  for (const name of ['Edsger Dijkstra', 'Barbara Liskov']) {
    const { customerId, clockId } = await world.customerOnClock(name, FAILING_CARD);
    await staff.subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      trialDays: 14,
    });
    await world.advance(clockId, START + 15 * DAY_MS);
  }
  await dispatchBillingEvents(world.database.db, { now: world.clock.now(), logger: silentLogger });
  for (const [index, type] of ['customer.updated', 'invoice.payment_failed', 'customer.updated'].entries()) {
    await world.database.db
      .insertInto('stripe_events')
      .values({
        tenant_id: world.tenants.A.id,
        event_id: `evt_test_${index}`,
        type,
        object_id: `obj_${index}`,
        created: 1_700_000_000 + index,
        livemode: 0,
        payload: '{}',
        source: 'webhook',
        next_attempt_at: 0,
        last_error: null,
        received_at: world.clock.now() + index,
        processed_at: null,
      })
      .execute();
  }
  const policies = await issueLicenses(world, customerIds);
  const exportWorld: ExportWorld = {
    ...world,
    runner,
    directory,
    policies,
    async exportAs(persona, input) {
      const started = await world.as(persona).exports.start(input);
      await runner.settled(started.id);
      return world.as(persona).exports.get({ id: started.id });
    },
    async listAll(persona, source, view) {
      const items: Record<string, unknown>[] = [];
      let cursor: string | null = null;
      do {
        // The list procedure the export reads ('invoices.list', 'analytics.movements'), called as the console would.
        let list: unknown = world.as(persona);
        for (const part of EXPORT_SOURCE_DEFS[source].list.split('.'))
          list = (list as Record<string, unknown>)[part];
        const page = await (list as (input: unknown) => Promise<Item>)({ ...view, cursor, limit: 50 });
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    },
    fileOf: (summary) => join(directory, `${summary.id}.${summary.format}`),
    close: async () => {
      await runner.idle();
      await rm(directory, { recursive: true, force: true });
      await world.close();
    },
  };
  return exportWorld;
}

/**
 * Two policies of the demo product and a license for each customer, alternating Gold and
 * Silver a minute apart (so their expiries differ), issued through the licensing module's
 * own procedures as staff would; the second Gold license is then suspended.
 */
async function issueLicenses(world: BillingWorld, customerIds: readonly string[]) {
  const staff = world.as('adminA');
  const policy = (name: string, durationDays: number) =>
    staff.licensePolicies.create({
      name,
      productId: world.catalog.productId,
      durationKind: 'FIXED',
      durationDays,
      machineMode: 'FLOATING',
      maxMachines: 3,
      maxUsers: 10,
      expirationStrategy: 'RESTRICT',
      overageStrategy: 'NONE',
      pastDueAction: 'OVERDUE',
    });
  const gold = await policy('Gold', 30);
  const silver = await policy('Silver', 365);
  const issued = [];
  for (const [index, customerId] of customerIds.entries()) {
    const policyId = index % 2 === 0 ? gold.id : silver.id;
    issued.push(await staff.licenses.issue({ customerId, policyId, name: `Campus ${index}` }));
    world.clock.advance(60_000);
  }
  const second = issued[2]?.license;
  if (second)
    await staff.licenses.suspend({ id: second.id, expectedVersion: second.version, reason: 'Audit' });
  return { gold: gold.id, silver: silver.id };
}

/** A CSV export's records: header first. */
export async function csvRecords(file: string): Promise<string[][]> {
  return parseCsv(await readFile(file, 'utf8'));
}

/** An XLSX export's first sheet, as exceljs reads the file. */
export async function xlsxSheet(file: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error(`${file} has no sheet`);
  return sheet;
}

export { pdfPages };
