import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../testing/billing.test-kit';
import { expectDomainError } from '../../testing/errors.test-kit';
import { tableRowCounts } from '../../testing/table-contents.test-kit';

/**
 * The rules of manual invoices, Stripe's way: credit lines only reduce what the same invoice
 * charges, only staff who may refund grant them, amounts stay within one payment, and the
 * customer is billed in their one currency. Each refusal writes nothing.
 */

let world: BillingWorld;
beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await world.close();
});

const tenantBilling = () => world.as('billingA');
const refunder = () => world.as('owner', world.tenants.A.id);
const seat = { description: 'Workshop seat', quantity: 2, unitAmount: 4500 };

/** How many rows the tables a manual invoice writes hold. */
async function written() {
  const counts = await tableRowCounts(world.database);
  return {
    invoices: counts.invoices,
    lines: counts.invoice_lines,
    balance: counts.balance_transactions,
    audit: counts.audit_log,
  };
}

describe('the attack from the review', () => {
  it('a tenant billing member cannot mint credit with 1000 × −99,999, and the next invoice is charged in full', async () => {
    const { customerId } = await world.customerOnClock('Mallory Mint', GOOD_CARD);
    const before = await written();
    const seen = await expectDomainError(
      () =>
        tenantBilling().invoices.createManual({
          customerId,
          currency: 'USD',
          lines: [{ description: 'Refund', quantity: 1000, unitAmount: -99_999 }],
        }),
      'INVALID_INPUT',
    );
    expect(seen.data.fieldErrors?.lines).toEqual([
      'Credits cannot be more than the charges: the total must not be negative',
    ]);
    expect(await written()).toEqual(before);
    const next = await tenantBilling().invoices.createManual({ customerId, currency: 'USD', lines: [seat] });
    expect(next).toMatchObject({ status: 'open', total: 9000, creditApplied: 0, amountDue: 9000 });
    expect((await tenantBilling().billing.customer({ customerId })).balances).toEqual([]);
  });

  it('the same lines are refused to staff who may refund too: no invoice may total below zero', async () => {
    const { customerId } = await world.customerOnClock('Mallory Mint', GOOD_CARD);
    const before = await written();
    await expectDomainError(
      () =>
        refunder().invoices.createManual({
          customerId,
          currency: 'USD',
          lines: [{ description: 'Refund', quantity: 1000, unitAmount: -99_999 }],
        }),
      'INVALID_INPUT',
    );
    expect(await written()).toEqual(before);
  });
});

describe('credit lines', () => {
  it('are refused to a tenant billing member, who lacks payments.refund, even as a discount', async () => {
    const { customerId } = await world.customerOnClock('Dana Discount', GOOD_CARD);
    const before = await written();
    const seen = await expectDomainError(
      () =>
        tenantBilling().invoices.createManual({
          customerId,
          currency: 'USD',
          lines: [seat, { description: 'Loyalty discount', unitAmount: -1000 }],
        }),
      'FORBIDDEN',
    );
    expect(seen.message).toMatch(/payments\.refund/);
    expect(Object.keys(seen.data.fieldErrors ?? {})).toEqual(['lines.1.unitAmount']);
    expect(await written()).toEqual(before);
  });

  it('reduce the total for staff who may refund; a credit equal to the charges makes a zero invoice, paid at once', async () => {
    const { customerId } = await world.customerOnClock('Dana Discount', GOOD_CARD);
    const discounted = await refunder().invoices.createManual({
      customerId,
      currency: 'USD',
      lines: [seat, { description: 'Loyalty discount', unitAmount: -1000 }],
    });
    expect(discounted).toMatchObject({ status: 'open', total: 8000, amountDue: 8000 });
    const free = await refunder().invoices.createManual({
      customerId,
      currency: 'USD',
      lines: [seat, { description: 'Scholarship', unitAmount: -9000 }],
    });
    expect(free).toMatchObject({ status: 'paid', total: 0, amountDue: 0 });
    expect((await refunder().billing.customer({ customerId })).balances).toEqual([]);
  });
});

describe('amounts', () => {
  it('refuse the uncapped line of the review (99,999,999 × 100,000), naming the unit price', async () => {
    const { customerId } = await world.customerOnClock('Bea Big', GOOD_CARD);
    const before = await written();
    const seen = await expectDomainError(
      () =>
        tenantBilling().invoices.createManual({
          customerId,
          currency: 'USD',
          lines: [{ description: 'Everything', quantity: 100_000, unitAmount: 99_999_999 }],
        }),
      'INVALID_INPUT',
    );
    expect(seen.data.fieldErrors?.['lines.0.unitAmount']?.[0]).toMatch(
      /^Unit price × quantity must be at most/,
    );
    expect(await written()).toEqual(before);
  });

  it('refuse a total past one payment, each line within it, naming the lines', async () => {
    const { customerId } = await world.customerOnClock('Bea Big', GOOD_CARD);
    const half = { description: 'Half of a fortune', quantity: 1, unitAmount: 60_000_000 };
    const seen = await expectDomainError(
      () => tenantBilling().invoices.createManual({ customerId, currency: 'USD', lines: [half, half] }),
      'INVALID_INPUT',
    );
    expect(seen.data.fieldErrors?.lines?.[0]).toMatch(/^The total must be at most 99,999,999/);
  });

  it('accept the largest invoice one payment can collect', async () => {
    const { customerId } = await world.customerOnClock('Bea Big', GOOD_CARD);
    const invoice = await tenantBilling().invoices.createManual({
      customerId,
      currency: 'USD',
      lines: [{ description: 'Campus licence', quantity: 1, unitAmount: 99_999_999 }],
    });
    expect(invoice).toMatchObject({ total: 99_999_999, amountDue: 99_999_999 });
  });

  it('say what is wrong in plain words, naming the field', async () => {
    const { customerId } = await world.customerOnClock('Wordy Wendy', GOOD_CARD);
    const seen = await expectDomainError(
      () =>
        tenantBilling().invoices.createManual({
          customerId,
          currency: 'USD',
          lines: [{ description: 'x'.repeat(501), quantity: 0, unitAmount: 2 ** 53 }],
        }),
      'INVALID_INPUT',
    );
    const fields = seen.data.fieldErrors ?? {};
    expect(fields['lines.0.description']).toEqual(['Description must be at most 500 characters']);
    expect(fields['lines.0.quantity']).toEqual(['Quantity must be at least 1']);
    expect(fields['lines.0.unitAmount']?.every((m) => m.startsWith('Unit price must be'))).toBe(true);
    expect(seen.message).not.toMatch(/Too big|Too small|expected/);
  });
});

describe('the currency', () => {
  it('is the customer’s: one billed in EUR cannot get a USD invoice, and gets a EUR one', async () => {
    const { customerId } = await world.customerOnClock('Élodie Euro', GOOD_CARD);
    await tenantBilling().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyEur,
      trialDays: 0,
    });
    const before = await written();
    const seen = await expectDomainError(
      () => tenantBilling().invoices.createManual({ customerId, currency: 'USD', lines: [seat] }),
      'INVALID_INPUT',
    );
    expect(seen.message).toBe('This customer already pays in EUR; a customer is billed in one currency');
    expect(seen.data.fieldErrors?.currency).toEqual(['Bill this customer in EUR']);
    expect(await written()).toEqual(before);
    const invoice = await tenantBilling().invoices.createManual({
      customerId,
      currency: 'eur',
      lines: [seat],
    });
    expect(invoice.currency).toBe('EUR');
    expect((await tenantBilling().billing.customer({ customerId })).usualCurrency).toBe('EUR');
  });

  it('must be a currency prices may use', async () => {
    const { customerId } = await world.customerOnClock('Xavier', GOOD_CARD);
    const seen = await expectDomainError(
      () => tenantBilling().invoices.createManual({ customerId, currency: 'XAU', lines: [seat] }),
      'INVALID_INPUT',
    );
    expect(seen.data.fieldErrors?.currency).toEqual(['Currency must be an ISO 4217 code like USD or EUR']);
  });
});

describe('a subscription', () => {
  it('cannot cost more per period than one payment collects', async () => {
    const { customerId } = await world.customerOnClock('Seats Galore', GOOD_CARD);
    const seen = await expectDomainError(
      () =>
        tenantBilling().subscriptions.create({
          customerId,
          priceId: world.catalog.prices.enterpriseMonthlyEur,
          quantity: 100_000,
          trialDays: 0,
        }),
      'INVALID_INPUT',
    );
    expect(seen.data.fieldErrors?.quantity?.[0]).toMatch(/^Quantity must be at most [\d,]+ for this price$/);
  });
});
