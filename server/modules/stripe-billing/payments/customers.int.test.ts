import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shifted, startPaymentEventsKit, type PaymentEventsKit } from './payments.test-kit';

let kit: PaymentEventsKit;
beforeAll(async () => {
  kit = await startPaymentEventsKit();
});
afterAll(async () => {
  await kit?.close();
});

const customerRow = (id: string) =>
  kit.world.database.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

let keys = 0;
const updateInStripe = async (customerId: string, change: Record<string, unknown>) => {
  const ref = (await customerRow(customerId)).gateway_customer_ref ?? '';
  await kit.api.customers.update(ref, change, { idempotencyKey: `dashboard-customer-${++keys}` });
  const event = kit.eventsAbout('customer.updated', ref).at(-1);
  if (!event) throw new Error('no customer.updated event');
  return event;
};

describe('customer.updated', () => {
  it('takes the name and email from Stripe through the customers service (versioned, searchable)', async () => {
    const { customerId } = await kit.customerWithCard('Old Name', 'pm_card_visa');
    const before = await customerRow(customerId);
    const event = await updateInStripe(customerId, {
      name: 'Zephyrine Quill',
      email: 'Zephyrine@Example.com',
    });
    expect(await kit.deliver(event)).toBe('applied');
    expect(await kit.deliver(event)).toBe('applied');
    const after = await customerRow(customerId);
    expect(after).toMatchObject({ name: 'Zephyrine Quill', email: 'zephyrine@example.com' });
    expect(after.version).toBe(before.version + 1);
    const found = await kit.world.as('viewerA').customers.list({ search: 'Zephyrine' });
    expect(found.items.map((c) => c.id)).toEqual([customerId]);
  });

  it('keeps our email when another customer of ours already uses Stripe’s', async () => {
    const { customerId } = await kit.customerWithCard('Clash', 'pm_card_visa');
    const other = await kit.newCustomer('Holder');
    const taken = (await customerRow(other)).email;
    const event = await updateInStripe(customerId, { name: 'Clash Renamed', email: taken });
    expect(await kit.deliver(event)).toBe('applied');
    const after = await customerRow(customerId);
    expect(after.name).toBe('Clash Renamed');
    expect(after.email).not.toBe(taken);
  });

  it('follows Stripe’s default card when it is a card of theirs we hold', async () => {
    const { customerId, cardRef: first } = await kit.customerWithCard('Defaults', 'pm_card_visa');
    const second = await kit.world
      .as('billingA')
      .paymentMethods.add({ customerId, source: 'pm_card_mastercard' });
    expect((await customerRow(customerId)).default_payment_method_id).not.toBe(second.id);
    const event = await updateInStripe(customerId, {
      invoice_settings: { default_payment_method: second.gatewayRef },
    });
    expect(await kit.deliver(event)).toBe('applied');
    expect((await customerRow(customerId)).default_payment_method_id).toBe(second.id);
    // A card that is no longer usable here (detached) changes nothing.
    const stranger = await updateInStripe(customerId, {
      invoice_settings: { default_payment_method: first },
    });
    await kit.world.database.db
      .updateTable('payment_methods')
      .set({ status: 'detached' })
      .where('gateway_ref', '=', first)
      .execute();
    expect(await kit.deliver(stranger)).toBe('applied');
    expect((await customerRow(customerId)).default_payment_method_id).toBe(second.id);
  });

  it('never applies an older update over a newer one', async () => {
    const { customerId } = await kit.customerWithCard('Sequence', 'pm_card_visa');
    const first = await updateInStripe(customerId, { name: 'First Name' });
    const second = await updateInStripe(customerId, { name: 'Second Name' });
    expect(await kit.deliver(shifted(second, 10, second.id))).toBe('applied');
    expect(await kit.deliver(first)).toBe('stale');
    expect((await customerRow(customerId)).name).toBe('Second Name');
  });

  it('ignores Stripe customers that are not ours', async () => {
    const stranger = await kit.api.customers.create(
      { name: 'Stranger' },
      { idempotencyKey: 'customer-stranger' },
    );
    await kit.api.customers.update(
      stranger.id,
      { name: 'Still Stranger' },
      { idempotencyKey: 'customer-stranger-2' },
    );
    expect(await kit.deliver(kit.eventAbout('customer.updated', stranger.id))).toBe('ignored');
  });
});
