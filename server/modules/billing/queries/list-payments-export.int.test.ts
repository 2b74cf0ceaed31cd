import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../../shared/billing/periods';
import { GOOD_CARD } from '../../../testing/billing.test-kit';
import { expectDomainError } from '../../../testing/errors.test-kit';
import { START } from '../../../testing/world.test-kit';
// The exports' test kit (a runner and the files read back) is what a test of a list's export
// needs; a test kit is not part of a module's index (it never ships).
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { createExportWorld, csvRecords, type ExportWorld } from '../../reports/exports.test-kit';

/** The payments export keeps the list's created-at range: the file holds the view's rows, and says the range. */

let world: ExportWorld;
beforeAll(async () => {
  world = await createExportWorld();
  // A payment a day for five days, besides the world's own.
  const staff = world.as('billingA');
  const { customerId, clockId } = await world.customerOnClock('Daily Payer', GOOD_CARD);
  for (let day = 1; day <= 5; day++) {
    await world.advance(clockId, START + day * DAY_MS);
    const lines = [{ description: 'Workshop seat', quantity: 1, unitAmount: 4900 }];
    const invoice = await staff.invoices.createManual({ customerId, currency: 'USD', lines });
    await staff.invoices.pay({ id: invoice.id });
  }
});
afterAll(async () => {
  await world.close();
});

describe('the payments export with a created-at range', () => {
  it('holds exactly the payments the list shows for the range', async () => {
    const all = await world.listAll('adminA', 'payments', {});
    const times = [...new Set(all.map((p) => Number(p.createdAt)))].sort((a, b) => a - b);
    expect(times.length, 'payments at several moments').toBeGreaterThan(2);
    const view = { createdFrom: times[2], createdTo: times.at(-1) };
    const expected = (await world.listAll('adminA', 'payments', view)).map((p) => String(p.id));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    const done = await world.exportAs('adminA', { source: 'payments', view, format: 'csv' });
    expect(done).toMatchObject({ status: 'done', rowsDone: expected.length });
    const [header, ...records] = await csvRecords(world.fileOf(done));
    const at = header?.indexOf('ID') ?? -1;
    expect(records.map((record) => record[at])).toEqual(expected);
  });

  it('writes only the columns asked for (a table’s visible ones), in the source’s order', async () => {
    const columns = ['currency', 'customer', 'amount', 'created'];
    const done = await world.exportAs('adminA', { source: 'payments', view: {}, format: 'csv', columns });
    const [header] = await csvRecords(world.fileOf(done));
    expect(header).toEqual(['Customer', 'Amount (major units, see Currency)', 'Currency', 'Created (UTC)']);
  });

  it('refuses a column the source lacks, naming it and the ones it has', async () => {
    const seen = await expectDomainError(
      () =>
        world
          .as('adminA')
          .exports.start({ source: 'payments', format: 'csv', columns: ['customer', 'method'] }),
      'INVALID_INPUT',
    );
    expect(seen.message).toMatch(/^Unknown column method; payments has customer, invoice, status, amount/);
  });
});
