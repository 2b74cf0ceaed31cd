import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatMoney, money } from '../../../shared/money';
import { DomainError } from '../../lib/errors';
import { expectDomainError } from '../../testing/errors.test-kit';
import { createTestWorld, START, type TestWorld } from '../../testing/world.test-kit';
import { findPriceForSubscription } from './index';

let world: TestWorld;
let productId: string;
let planId: string;
beforeEach(async () => {
  world = await createTestWorld();
  const product = await billing().createProduct({ name: 'Lumen Courses' });
  const plan = await billing().createPlan({ productId: product.id, name: 'Pro' });
  productId = product.id;
  planId = plan.id;
});
afterEach(async () => {
  await world.close();
});

const billing = () => world.as('billingA').catalog;
const tenantA = () => world.tenants.A.id;

async function expectRefusal(call: Promise<unknown>, code: string, message: RegExp) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  expect((error as DomainError).message).toMatch(message);
}

describe('catalog.createPrice', () => {
  it('creates prices in minor units, in several currencies and intervals', async () => {
    const monthly = await billing().createPrice({
      planId,
      amount: 999,
      currency: 'usd',
      interval: 'month',
      trialDays: 14,
    });
    expect(monthly).toEqual({
      id: monthly.id,
      planId,
      amount: 999,
      currency: 'USD',
      interval: 'month',
      trialDays: 14,
      status: 'active',
      createdAt: START,
      updatedAt: START,
    });
    expect(monthly.id).toMatch(/^pri_/);
    expect(formatMoney(money(monthly.amount, monthly.currency))).toBe('$9.99');
    const yen = await billing().createPrice({ planId, amount: 1200, currency: 'JPY', interval: 'year' });
    expect(formatMoney(money(yen.amount, yen.currency))).toBe('¥1,200');
    expect(yen.trialDays).toBe(0);
    const free = await billing().createPrice({ planId, amount: 0, currency: 'EUR', interval: 'month' });
    expect(free.amount).toBe(0);
    const overview = await billing().overview();
    expect(
      overview.products[0]?.plans[0]?.prices.map((p) => `${p.currency} ${p.amount}/${p.interval}`),
    ).toEqual(['EUR 0/month', 'USD 999/month', 'JPY 1200/year']);
  });

  it('refuses prices on a plan of an archived product', async () => {
    await billing().archiveProduct({ id: productId });
    const seen = await expectDomainError(
      () => billing().createPrice({ planId, amount: 999, currency: 'USD', interval: 'month' }),
      'INVALID_STATE',
    );
    expect(seen.message).toBe('The product Lumen Courses is archived, so you cannot add prices to its plans');
  });
});

describe('catalog.archivePrice', () => {
  it('archives once, hides the price from the overview unless asked, and records it', async () => {
    const price = await billing().createPrice({ planId, amount: 999, currency: 'USD', interval: 'month' });
    world.clock.advance(60_000);
    const archived = await billing().archivePrice({ id: price.id });
    expect(archived).toEqual({ ...price, status: 'archived', updatedAt: START + 60_000 });
    const again = await expectDomainError(() => billing().archivePrice({ id: price.id }), 'INVALID_STATE');
    expect(again.message).toBe('This price is already archived');
    expect((await billing().overview()).products[0]?.plans[0]?.prices).toEqual([]);
    expect((await billing().overview({ includeArchived: true })).products[0]?.plans[0]?.prices).toEqual([
      archived,
    ]);
    const audit = await world.database.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'price.archived')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before ?? 'null')).toMatchObject({ status: 'active' });
    expect(JSON.parse(audit.after ?? 'null')).toMatchObject({ status: 'archived' });
  });
});

describe('findPriceForSubscription', () => {
  it('returns an active price with its plan', async () => {
    const price = await billing().createPrice({ planId, amount: 999, currency: 'USD', interval: 'month' });
    const found = await findPriceForSubscription(world.services.db, tenantA(), price.id);
    expect(found.price).toEqual(price);
    expect(found.plan).toMatchObject({ id: planId, name: 'Pro', status: 'active' });
  });

  it('refuses an archived price, plan or product for a new subscription, and another tenant’s price', async () => {
    const price = await billing().createPrice({ planId, amount: 999, currency: 'USD', interval: 'month' });
    const db = world.services.db;
    await expectRefusal(
      findPriceForSubscription(db, world.tenants.B.id, price.id),
      'NOT_FOUND',
      /^Price was not found$/,
    );

    const other = await billing().createPrice({ planId, amount: 9990, currency: 'USD', interval: 'year' });
    await billing().archivePrice({ id: other.id });
    await expectRefusal(
      findPriceForSubscription(db, tenantA(), other.id),
      'INVALID_STATE',
      /price is archived/,
    );

    await billing().archivePlan({ id: planId });
    await expectRefusal(
      findPriceForSubscription(db, tenantA(), price.id),
      'INVALID_STATE',
      /The plan Pro is archived, so you cannot start new subscriptions on it/,
    );
  });

  it('refuses a price whose product is archived', async () => {
    const price = await billing().createPrice({ planId, amount: 999, currency: 'USD', interval: 'month' });
    await billing().archiveProduct({ id: productId });
    await expectRefusal(
      findPriceForSubscription(world.services.db, tenantA(), price.id),
      'INVALID_STATE',
      /The product Lumen Courses is archived/,
    );
  });

  it('works inside a command’s transaction', async () => {
    const price = await billing().createPrice({ planId, amount: 999, currency: 'USD', interval: 'month' });
    const found = await world.services.db
      .transaction()
      .execute((trx) => findPriceForSubscription(trx, tenantA(), price.id));
    expect(found.price.id).toBe(price.id);
  });
});
