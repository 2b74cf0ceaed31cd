import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../../shared/billing/periods';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../../testing/billing.test-kit';
import { expectDomainError } from '../../../testing/errors.test-kit';
import { START } from '../../../testing/world.test-kit';

/**
 * The payments list's created-at range (the revenue card's month drill-down opens it): from
 * the first moment up to, not including, the last; a reversed range is refused naming it.
 */

let world: BillingWorld;
beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await world.close();
});

const staff = () => world.as('billingA');
const seat = { description: 'Workshop seat', quantity: 1, unitAmount: 4900 };

/** A paid invoice per day from START on one customer's clock; returns the payments' ids, oldest first. */
async function dailyPayments(days: number): Promise<string[]> {
  const { customerId, clockId } = await world.customerOnClock('Daily Payer', GOOD_CARD);
  const ids: string[] = [];
  for (let day = 0; day < days; day++) {
    if (day > 0) await world.advance(clockId, START + day * DAY_MS);
    const invoice = await staff().invoices.createManual({ customerId, currency: 'USD', lines: [seat] });
    await staff().invoices.pay({ id: invoice.id });
    const detail = await staff().invoices.get({ id: invoice.id });
    ids.push(detail.payments[0]?.id ?? 'missing');
  }
  return ids;
}

describe('the payments list’s created-at range', () => {
  it('keeps payments created from the first moment up to, not including, the last', async () => {
    const [, day1, day2, day3] = await dailyPayments(4);
    const page = await staff().payments.list({ createdFrom: START + DAY_MS, createdTo: START + 3 * DAY_MS });
    expect(page.items.map((p) => p.id)).toEqual([day2, day1]);
    expect(page.total).toBe(2);
    const open = await staff().payments.list({ createdFrom: START + 2 * DAY_MS, status: 'succeeded' });
    expect(open.items.map((p) => p.id)).toEqual([day3, day2]);
    const before = await staff().payments.list({ createdTo: START + DAY_MS });
    expect(before.total).toBe(1);
    const none = await staff().payments.list({ createdFrom: START + DAY_MS, status: 'failed' });
    expect(none.items).toEqual([]);
  });

  it('pages within the range with its cursor', async () => {
    const [, day1, day2, day3] = await dailyPayments(4);
    const range = { createdFrom: START + DAY_MS, createdTo: START + 4 * DAY_MS };
    const first = await staff().payments.list({ ...range, limit: 2 });
    const second = await staff().payments.list({ ...range, limit: 2, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((p) => p.id)).toEqual([day3, day2, day1]);
  });

  it('refuses a range that ends before it starts, naming the field', async () => {
    const seen = await expectDomainError(
      () => staff().payments.list({ createdFrom: START + DAY_MS, createdTo: START }),
      'INVALID_INPUT',
    );
    expect(seen.data.fieldErrors).toMatchObject({ createdTo: ['Created to must be after created from'] });
  });
});
