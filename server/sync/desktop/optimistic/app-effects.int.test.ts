import { beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_KEY_HEADER, queuedMarkOf } from '../../../../shared/sync/offline';
import { appRouter } from '../../../app/router';
import type { EmbeddedBackend } from '../../../embedded/backend';
import { ManualClock } from '../../../lib/clock';
import { GOOD_CARD } from '../../../testing/billing.test-kit';
import { expectDomainError } from '../../../testing/errors.test-kit';
import { seedMember, seedTenant, serverCaller } from '../desktop.test-kit';
import { PASSWORD, sceneForEachTest } from '../scene.test-kit';

/**
 * The app's own effects over a connected desktop and a hosted server: money queued offline
 * reserves what it moves, so what is left already counts it and nothing moves twice; edits to
 * different fields of one customer from two desktops both apply.
 */

const scene = sceneForEachTest('tollgate-money-', { offlineProbeMs: 200 });
let staff: Awaited<ReturnType<typeof seedMember>>;
let tenantId: string;

beforeEach(async () => {
  const acme = await seedTenant(scene.server, {
    name: 'Acme',
    slug: 'acme',
    adminEmail: 'ada@acme.test',
    password: PASSWORD,
  });
  tenantId = acme.tenant.id;
  staff = await seedMember(scene.server, {
    tenantId: null,
    role: 'billing',
    email: 'bill@platform.test',
    password: PASSWORD,
  });
});

const onServer = () => serverCaller(scene.server, staff.id, tenantId)();

async function connected(name: string): Promise<EmbeddedBackend> {
  // Each desktop on its own clock, as separate machines are.
  const desktop = await scene.open(name, { cutOff: true, clock: new ManualClock(Date.now()) });
  await caller(desktop).connection.connect({
    serverUrl: scene.server.url,
    email: 'bill@platform.test',
    password: PASSWORD,
  });
  return desktop;
}

/** The console's calls in Acme, from one opened form when a key is given. */
function caller(desktop: EmbeddedBackend, commandKey?: string) {
  return appRouter.createCaller(
    desktop.contextFromHeaders(
      (name) =>
        name === 'x-tollgate-tenant' ? tenantId : name === COMMAND_KEY_HEADER ? commandKey : undefined,
      'desktop',
    ),
  );
}

/** A $20.00 invoice paid on the server, as a pull brings it. */
async function paidInvoice() {
  const api = await onServer();
  const customer = await api.customers.create({
    name: 'Ada Lovelace',
    email: 'ada@lovelace.test',
    country: 'GB',
  });
  await api.paymentMethods.add({ customerId: customer.id, source: GOOD_CARD, makeDefault: true });
  const invoice = await api.invoices.createManual({
    customerId: customer.id,
    currency: 'USD',
    lines: [{ description: 'Course bundle', unitAmount: 2000 }],
  });
  const paid = await api.invoices.pay({ id: invoice.id });
  const detail = await api.invoices.get({ id: paid.invoice.id });
  const payment = detail.payments[0];
  if (!payment) throw new Error('no payment');
  return { customer, invoice: detail.invoice, payment };
}

const serverRefunds = () =>
  scene.server.backend.database.db
    .selectFrom('refunds')
    .select(['amount', 'status'])
    .orderBy('created_at')
    .execute();

describe('money queued offline with the app’s effects', () => {
  it('reserves a queued refund: shown at once, what is left counts it, a second beyond it is refused, one refund lands', async () => {
    const { invoice, payment } = await paidInvoice();
    const d1 = await connected('d1');
    scene.offline = true;

    const form = caller(d1, 'refund-form-key-0001');
    const refund = await form.payments.refund({
      paymentId: payment.id,
      amount: 1500,
      reason: 'requested_by_customer',
    });
    expect(queuedMarkOf(refund)?.label).toBe(`Refund $15.00 on ${invoice.number}`);
    // A double click is the same command.
    const again = await form.payments.refund({
      paymentId: payment.id,
      amount: 1500,
      reason: 'requested_by_customer',
    });
    expect(queuedMarkOf(again)).toEqual(queuedMarkOf(refund));

    const shown = await caller(d1).invoices.get({ id: invoice.id });
    expect(shown.invoice.amountRefunded).toBe(1500);
    expect(shown.payments[0]).toMatchObject({ amountRefunded: 1500, refundable: 500 });
    const beyond = await expectDomainError(
      () =>
        caller(d1, 'refund-form-key-0002').payments.refund({
          paymentId: payment.id,
          amount: 1000,
          reason: 'duplicate',
        }),
      'INVALID_INPUT',
    );
    expect(beyond.message).toBe('At most $5.00 of this payment can still be refunded');
    expect((await caller(d1).connection.status()).pending).toBe(1);

    scene.offline = false;
    await expect.poll(async () => (await caller(d1).connection.status()).pending).toBe(0);
    await expect.poll(async () => (await caller(d1).connection.pendingMarks()).length).toBe(0);
    expect(await serverRefunds()).toEqual([{ amount: 1500, status: 'succeeded' }]);
    const after = await caller(d1).invoices.get({ id: invoice.id });
    expect(after.invoice.amountRefunded).toBe(1500);
    expect(after.refunds.map((r) => r.amount)).toEqual([1500]);
  });

  it('queues one Pay now per invoice, shown as a pending attempt, and the server charges once', async () => {
    const api = await onServer();
    const customer = await api.customers.create({ name: 'Grace', email: 'grace@navy.test', country: 'US' });
    await api.paymentMethods.add({ customerId: customer.id, source: GOOD_CARD, makeDefault: true });
    const d1 = await connected('d1');
    scene.offline = true;
    const invoice = await caller(d1).invoices.createManual({
      customerId: customer.id,
      currency: 'USD',
      lines: [{ description: 'Setup', unitAmount: 4200 }],
    });
    expect(queuedMarkOf(invoice)?.label).toBe('Invoice Grace for $42.00');
    expect((await caller(d1).invoices.get({ id: invoice.id })).invoice).toMatchObject({
      status: 'draft',
      total: 4200,
    });

    scene.offline = false;
    await expect.poll(async () => (await caller(d1).connection.pendingMarks()).length).toBe(0);
    const [open, ...more] = (await caller(d1).invoices.list({ customerId: customer.id })).items;
    expect(more).toEqual([]);
    if (!open) throw new Error('the server’s invoice did not arrive');
    expect(open).toMatchObject({ status: 'open', total: 4200 });

    scene.offline = true;
    const pay = await caller(d1, 'pay-key-00000001').invoices.pay({ id: open.id });
    expect(queuedMarkOf(pay)?.label).toBe(`Charge $42.00 for ${open.number} now`);
    expect((await caller(d1).invoices.get({ id: open.id })).payments).toMatchObject([
      { status: 'pending', amount: 4200 },
    ]);
    await expectDomainError(() => caller(d1, 'pay-key-00000002').invoices.pay({ id: open.id }), 'CONFLICT');

    scene.offline = false;
    await expect.poll(async () => (await caller(d1).connection.status()).pending).toBe(0);
    await expect
      .poll(async () => (await caller(d1).invoices.get({ id: open.id })).invoice.status)
      .toBe('paid');
    const charges = await scene.server.backend.database.db
      .selectFrom('payments')
      .select('id')
      .where('invoice_id', '=', open.id)
      .where('status', '=', 'succeeded')
      .execute();
    expect(charges).toHaveLength(1);
  });

  it('merges offline edits of different fields from two desktops; the same field is refused with both values', async () => {
    const api = await onServer();
    const ada = await api.customers.create({
      name: 'Ada Lovelace',
      email: 'ada@lovelace.test',
      country: 'GB',
      company: 'Acme',
    });
    const d1 = await connected('d1');
    const d2 = await connected('d2');
    scene.offline = true;
    await caller(d1).customers.update({
      id: ada.id,
      base: { company: 'Acme' },
      patch: { company: 'Acme Ltd' },
    });
    await caller(d1).customers.update({
      id: ada.id,
      base: { company: 'Acme Ltd' },
      patch: { company: 'Acme Group' },
    });
    await caller(d2).customers.update({ id: ada.id, base: { notes: null }, patch: { notes: 'VIP' } });
    await caller(d2).customers.update({
      id: ada.id,
      base: { name: 'Ada Lovelace' },
      patch: { name: 'Ada King' },
    });
    expect(await caller(d1).customers.get({ id: ada.id })).toMatchObject({
      company: 'Acme Group',
      notes: null,
    });

    scene.offline = false;
    await caller(d1).connection.syncNow();
    await caller(d2).connection.syncNow();
    await caller(d1).connection.syncNow();
    const expected = { name: 'Ada King', company: 'Acme Group', notes: 'VIP' };
    expect(await (await onServer()).customers.get({ id: ada.id })).toMatchObject(expected);
    expect(await caller(d1).customers.get({ id: ada.id })).toMatchObject(expected);
    expect(await caller(d2).customers.get({ id: ada.id })).toMatchObject(expected);
    expect((await caller(d2).connection.status()).refused).toBe(0);

    // Both change the company: the second to arrive is refused, naming both values.
    scene.offline = true;
    await caller(d1).customers.update({
      id: ada.id,
      base: { company: 'Acme Group' },
      patch: { company: 'One' },
    });
    await caller(d2).customers.update({
      id: ada.id,
      base: { company: 'Acme Group' },
      patch: { company: 'Two' },
    });
    scene.offline = false;
    await caller(d1).connection.syncNow();
    await caller(d2).connection.syncNow();
    const [refused] = (await caller(d2).connection.outbox({})).filter((e) => e.status === 'error');
    expect(refused).toMatchObject({
      errorCode: 'CONFLICT',
      conflicts: [{ field: 'company', theirs: 'One', yours: 'Two' }],
      label: 'Change company of Ada King',
    });
    expect(await caller(d2).customers.get({ id: ada.id })).toMatchObject({ company: 'One' });
  });
});
