import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportSource } from '../../../shared/exports/schema';
import { createExportWorld, csvRecords, pdfPages, xlsxSheet, type ExportWorld } from './exports.test-kit';

/**
 * Each list exported with a filter (and a sort where the list has one) in each format, and
 * the file read back: it holds exactly the rows of the view, in the list's order.
 */

let world: ExportWorld;
beforeAll(async () => {
  world = await createExportWorld();
});
afterAll(async () => {
  await world.close();
});

/**
 * Per list (the Overview, a report, has its own test): a view with a filter (a function of the
 * world where it names a row of it), the column that names a row, and the item field it shows.
 */
type View = Record<string, unknown>;
const VIEWS: Record<
  Exclude<ExportSource, 'overview'>,
  { view: View | ((world: ExportWorld) => View); column: string; key: string }
> = {
  customers: {
    view: { status: 'active', sort: { field: 'name', direction: 'asc' }, search: '' },
    column: 'ID',
    key: 'id',
  },
  subscriptions: { view: { status: 'active' }, column: 'ID', key: 'id' },
  invoices: { view: { status: 'paid' }, column: 'ID', key: 'id' },
  payments: { view: { status: 'succeeded' }, column: 'ID', key: 'id' },
  emails: { view: { template: 'receipt' }, column: 'ID', key: 'id' },
  stripeEvents: { view: { type: 'customer.updated' }, column: 'Event', key: 'id' },
  audit: { view: { action: 'customer.' }, column: 'Seq', key: 'seq' },
  movements: { view: { from: '2025-01', to: '2027-12', segment: {}, kind: 'new' }, column: 'ID', key: 'id' },
  recoveries: { view: { status: null, currency: 'USD' }, column: 'ID', key: 'id' },
  licenses: { view: (w) => goldBySoonestExpiry(w), column: 'ID', key: 'id' },
};

/** The Gold policy's licenses, soonest expiry first, as the Licenses page asks for them. */
const goldBySoonestExpiry = (w: ExportWorld): View => ({
  status: null,
  policyId: w.policies.gold,
  customerId: null,
  expiringBefore: null,
  sort: { field: 'expiresAt', direction: 'asc' },
});

const viewOf = (source: keyof typeof VIEWS): View => {
  const { view } = VIEWS[source];
  return typeof view === 'function' ? view(world) : view;
};

describe('exports to CSV', () => {
  it.each(Object.keys(VIEWS) as (keyof typeof VIEWS)[])(
    '%s: exactly the rows of the view, in its order',
    async (source) => {
      const { column, key } = VIEWS[source];
      const view = viewOf(source);
      const expected = (await world.listAll('adminA', source, view)).map((item) => String(item[key]));
      expect(expected.length, 'the view is not empty').toBeGreaterThan(1);
      const done = await world.exportAs('adminA', { source, view, format: 'csv' });
      expect(done).toMatchObject({ status: 'done', rowsDone: expected.length, rowsTotal: expected.length });
      const [header, ...records] = await csvRecords(world.fileOf(done));
      const at = header?.indexOf(column) ?? -1;
      expect(at).toBeGreaterThanOrEqual(0);
      expect(records.map((record) => record[at])).toEqual(expected);
    },
  );

  it('writes amounts in major units with their currency, names as typed, formulas guarded', async () => {
    const done = await world.exportAs('billingA', {
      source: 'invoices',
      view: { status: 'paid' },
      format: 'csv',
      options: { bom: true },
    });
    const file = await csvRecords(world.fileOf(done));
    expect(file[0]?.[0]).toBe('\uFEFFNumber');
    const header = file[0] ?? [];
    const row = (name: string) => file.find((record) => record[1] === name);
    const total = header.indexOf('Total (major units, see Currency)');
    expect(row('Ada "Countess" Lovelace')?.[total]).toBe('9.99');
    expect(row('Grace Hopper, USN')?.[header.indexOf('Currency')]).toBe('USD');
    expect(row('Zoë Müller')).toBeDefined();
    expect(file.some((record) => record[1] === "'=Mallory")).toBe(false);
    const issued = row('Alan Turing')?.[header.indexOf('Issued (UTC)')];
    expect(issued).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('keeps a guarded formula in a customer’s name', async () => {
    const done = await world.exportAs('adminA', {
      source: 'customers',
      view: { search: 'Mallory' },
      format: 'csv',
    });
    const [header, ...records] = await csvRecords(world.fileOf(done));
    expect(records.map((record) => record[header?.indexOf('Name') ?? 0])).toEqual(["'=Mallory"]);
  });
});

describe('exports to XLSX', () => {
  it('invoices: the view’s rows with real amounts and dates', async () => {
    const expected = await world.listAll('billingA', 'invoices', { status: 'paid' });
    const done = await world.exportAs('billingA', {
      source: 'invoices',
      view: { status: 'paid' },
      format: 'xlsx',
    });
    const sheet = await xlsxSheet(world.fileOf(done));
    expect(sheet.rowCount).toBe(expected.length + 1);
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const idAt = header.indexOf('ID');
    const totalAt = header.indexOf('Total (major units, see Currency)');
    const issuedAt = header.indexOf('Issued (UTC)');
    expected.forEach((item, index) => {
      const row = sheet.getRow(index + 2);
      expect(row.getCell(idAt).value).toBe(item.id);
      expect(row.getCell(totalAt).value).toBe(Number(item.total) / 100);
      expect(row.getCell(issuedAt).value).toEqual(new Date(Number(item.createdAt)));
    });
  });

  it('licenses: the policy’s licenses with real expiry dates and counts, the key only as its hint', async () => {
    const view = goldBySoonestExpiry(world);
    const expected = await world.listAll('viewerA', 'licenses', view);
    expect(expected.map((item) => item.policyName)).toEqual(['Gold', 'Gold', 'Gold']);
    const done = await world.exportAs('viewerA', { source: 'licenses', view, format: 'xlsx' });
    const sheet = await xlsxSheet(world.fileOf(done));
    expect(sheet.rowCount).toBe(expected.length + 1);
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const at = (name: string) => header.indexOf(name);
    expected.forEach((item, index) => {
      const row = sheet.getRow(index + 2);
      expect(row.getCell(at('ID')).value).toBe(item.id);
      expect(row.getCell(at('License')).value).toBe(item.name);
      expect(row.getCell(at('Status')).value).toBe(item.status);
      expect(row.getCell(at('Expires (UTC)')).value).toEqual(new Date(Number(item.expiresAt)));
      expect(row.getCell(at('Machines')).value).toBe(0);
      expect(row.getCell(at('Key (last 4)')).value).toBe(item.keyHint);
    });
    expect(expected.map((item) => item.status)).toContain('SUSPENDED');
  });

  it('audit: an uncounted list still exports whole', async () => {
    const expected = await world.listAll('adminA', 'audit', {});
    const done = await world.exportAs('adminA', { source: 'audit', view: {}, format: 'xlsx' });
    expect(done.rowsTotal).toBe(expected.length);
    const sheet = await xlsxSheet(world.fileOf(done));
    expect(sheet.getColumn(1).values.slice(2)).toEqual(expected.map((item) => item.seq));
  });
});

describe('exports to PDF', () => {
  it('invoices: each invoice of the view printed once, with the filters in words', async () => {
    const expected = await world.listAll('billingA', 'invoices', { status: 'paid' });
    const done = await world.exportAs('billingA', {
      source: 'invoices',
      view: { status: 'paid' },
      format: 'pdf',
    });
    const pages = await pdfPages(world.fileOf(done));
    const text = pages.join('\n');
    expect(text).toContain('Tenant A');
    expect(text).toContain('Filters: Status: paid');
    expect(text).toContain(`Page 1 of ${pages.length}`);
    expect(text.match(/INV-\d+/g)).toEqual(expected.map((item) => item.number));
  });

  it('stripe events: an uncapped count is taken before the pages are numbered', async () => {
    const done = await world.exportAs('adminA', { source: 'stripeEvents', view: {}, format: 'pdf' });
    const text = (await pdfPages(world.fileOf(done))).join('\n');
    expect(text).toContain('3 rows');
    expect(text.match(/evt_test_\d/g)).toEqual(['evt_test_2', 'evt_test_1', 'evt_test_0']);
  });

  it('licenses: the policy’s licenses printed once each, the policy filter and sort in words', async () => {
    const view = goldBySoonestExpiry(world);
    const expected = await world.listAll('viewerA', 'licenses', view);
    const done = await world.exportAs('viewerA', { source: 'licenses', view, format: 'pdf' });
    const text = (await pdfPages(world.fileOf(done))).join('\n');
    expect(text).toContain(`Policy: ${world.policies.gold}; Sort: Expires at, ascending`);
    expect(text.match(/Campus \d/g)).toEqual(expected.map((item) => item.name));
  });

  it('movements: the month’s movements with their segment in words', async () => {
    const view = { from: '2025-01', to: '2027-12', segment: { interval: 'month' }, kind: 'new' };
    const expected = await world.listAll('billingA', 'movements', view);
    const done = await world.exportAs('billingA', { source: 'movements', view, format: 'pdf' });
    const text = (await pdfPages(world.fileOf(done))).join('\n');
    expect(text).toContain('MRR movements');
    expect(text).toContain('Segment: interval month; Kind: new');
    expect(text.match(/ new /g)).toHaveLength(expected.length);
  });
});
