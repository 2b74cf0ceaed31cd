import { beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_KEY_HEADER, queuedMarkOf } from '../../../shared/sync/offline';
import { appRouter } from '../../app/router';
import type { EmbeddedBackend } from '../../embedded/backend';
import { GOOD_CARD } from '../../testing/billing.test-kit';
import { expectDomainError } from '../../testing/errors.test-kit';
import { desktopCaller, seedMember, serverCaller } from './desktop.test-kit';
import { PASSWORD, sceneForEachTest, seedAcme } from './scene.test-kit';

/**
 * The app's own effects (optimistic/effects.ts) through the whole command path, against a
 * hosted server over real HTTP: money offline is reserved on the replica so it never moves
 * twice, and customer edits from two desktops merge per field.
 */

const scene = sceneForEachTest('tollgate-effects-', { offlineProbeMs: 200 });
let acme: Awaited<ReturnType<typeof seedAcme>>['acme'];
let alanId: string;

beforeEach(async () => {
  ({ acme, alanId } = await seedAcme(scene.server));
});

async function connected(name: string, cutOff = true, email = 'ada@acme.test'): Promise<EmbeddedBackend> {
  const desktop = await scene.open(name, { cutOff });
  await scene.connect(desktop, email);
  return desktop;
}

/** The console's calls from one opened form, in Acme: each carries the form's command key. */
function fromForm(desktop: EmbeddedBackend, commandKey: string) {
  const headers: Record<string, string> = {
    [COMMAND_KEY_HEADER]: commandKey,
    'x-tollgate-tenant': acme.tenant.id,
  };
  return appRouter.createCaller(desktop.contextFromHeaders((name) => headers[name], 'desktop'));
}

/** Platform billing staff, who may refund (a tenant's own roles may not). */
async function billingStaff() {
  const user = await seedMember(scene.server, {
    tenantId: null,
    role: 'billing',
    email: 'bill@platform.test',
    password: PASSWORD,
  });
  return { caller: serverCaller(scene.server, user.id, acme.tenant.id), email: 'bill@platform.test' };
}

/** A $10.00 invoice paid by card on the server: its payment, to refund. */
async function paidInvoice(
  staff: Awaited<ReturnType<typeof billingStaff>>,
): Promise<{ paymentId: string; invoiceId: string }> {
  const caller = await staff.caller();
  await caller.paymentMethods.add({ customerId: alanId, source: GOOD_CARD, makeDefault: true });
  const invoice = await caller.invoices.createManual({
    customerId: alanId,
    currency: 'USD',
    lines: [{ description: 'Workshop', quantity: 1, unitAmount: 1000 }],
  });
  await caller.invoices.pay({ id: invoice.id });
  const payment = await scene.server.backend.database.db
    .selectFrom('payments')
    .select('id')
    .where('invoice_id', '=', invoice.id)
    .where('status', '=', 'succeeded')
    .executeTakeFirstOrThrow();
  return { paymentId: payment.id, invoiceId: invoice.id };
}

async function serverRefunds(paymentId: string): Promise<number[]> {
  const refunds = await scene.server.backend.database.db
    .selectFrom('refunds')
    .select('amount')
    .where('payment_id', '=', paymentId)
    .orderBy('created_at')
    .execute();
  return refunds.map((r) => r.amount);
}

describe('the app’s effects through the command path', () => {
  it('refunds offline once per click, and refuses at once a refund beyond what is left after a pending one', async () => {
    const staff = await billingStaff();
    const { paymentId } = await paidInvoice(staff);
    const d1 = await connected('d1', true, staff.email);
    scene.offline = true;

    const dialog = fromForm(d1, 'refund-dialog-0001');
    const first = await dialog.payments.refund({ paymentId, amount: 500, reason: 'requested_by_customer' });
    const doubleClick = await dialog.payments.refund({
      paymentId,
      amount: 500,
      reason: 'requested_by_customer',
    });
    expect(queuedMarkOf(first)?.label).toMatch(/^Refund \$5\.00 on /);
    expect(queuedMarkOf(doubleClick)).toEqual(queuedMarkOf(first));
    expect((await desktopCaller(d1).connection.status()).pending).toBe(1);

    // $5.00 is left once the pending refund is counted: $6.00 is refused here, nothing queued.
    const beyond = await expectDomainError(
      () =>
        fromForm(d1, 'refund-dialog-0002').payments.refund({
          paymentId,
          amount: 600,
          reason: 'requested_by_customer',
        }),
      'INVALID_INPUT',
    );
    expect(beyond.message).toBe('At most $5.00 of this payment can still be refunded');
    expect((await desktopCaller(d1).connection.status()).pending).toBe(1);
    expect((await desktopCaller(d1).connection.pendingMarks()).some((m) => m.table === 'refunds')).toBe(true);

    scene.offline = false;
    await expect.poll(async () => (await desktopCaller(d1).connection.status()).pending).toBe(0);
    await expect.poll(async () => (await desktopCaller(d1).connection.pendingMarks()).length).toBe(0);
    expect(await serverRefunds(paymentId)).toEqual([500]);
  });

  it('merges edits of different fields from two desktops, never conflicts a user’s consecutive edits, and names a true conflict', async () => {
    const d1 = await connected('d1');
    const d2 = await connected('d2', false);
    scene.offline = true;
    // Two edits in a row on d1, each from what d1 shows: the second's base is the first's value.
    await desktopCaller(d1).customers.update({
      id: alanId,
      base: { company: null },
      patch: { company: 'Bletchley' },
    });
    const shown = await desktopCaller(d1).customers.get({ id: alanId });
    expect(shown.company).toBe('Bletchley');
    await desktopCaller(d1).customers.update({
      id: alanId,
      base: { company: shown.company },
      patch: { company: 'Bletchley Park' },
    });
    // Meanwhile d2 changes another field.
    await desktopCaller(d2).customers.update({
      id: alanId,
      base: { country: 'GB' },
      patch: { country: 'US' },
    });

    scene.offline = false;
    await expect.poll(async () => (await desktopCaller(d1).connection.status()).pending).toBe(0);
    expect((await desktopCaller(d1).connection.status()).refused).toBe(0);
    expect(await (await acme.caller()).customers.get({ id: alanId })).toMatchObject({
      company: 'Bletchley Park',
      country: 'US',
    });

    // Both change the name: the later one is refused with both values, and rolled back.
    scene.offline = true;
    await desktopCaller(d1).customers.update({
      id: alanId,
      base: { name: 'Alan Turing' },
      patch: { name: 'A. M. Turing' },
    });
    await desktopCaller(d2).connection.syncNow();
    await desktopCaller(d2).customers.update({
      id: alanId,
      base: { name: 'Alan Turing' },
      patch: { name: 'Alan Mathison Turing' },
    });
    scene.offline = false;
    await expect.poll(async () => (await desktopCaller(d1).connection.status()).refused).toBe(1);
    const [refused] = (await desktopCaller(d1).connection.outbox({})).filter((e) => e.status === 'error');
    expect(refused?.conflicts).toEqual([
      { field: 'name', theirs: 'Alan Mathison Turing', yours: 'A. M. Turing' },
    ]);
    await expect
      .poll(async () => (await desktopCaller(d1).customers.get({ id: alanId })).name)
      .toBe('Alan Mathison Turing');

    // Keep mine: queued again against the current value, and applied.
    await desktopCaller(d1).connection.retry({ id: refused?.id ?? 0 });
    await expect.poll(async () => (await desktopCaller(d1).connection.status()).pending).toBe(0);
    expect((await (await acme.caller()).customers.get({ id: alanId })).name).toBe('A. M. Turing');
    expect((await desktopCaller(d1).connection.status()).refused).toBe(0);
  });
});
