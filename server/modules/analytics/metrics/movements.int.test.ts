import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectDomainError } from '../../../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../../../testing/world.test-kit';
import { seedHistory } from './history.test-kit';
import { listMovements } from './movements';
import type { MovementSeed } from './metrics.test-kit';

/** The movements behind the Overview's figures, the filters' values, and what bad input gets. */

let world: TestWorld;
let ids: Awaited<ReturnType<typeof seedHistory>>['ids'];
let seeds: MovementSeed[];

beforeAll(async () => {
  world = await createTestWorld();
  ({ ids, seeds } = await seedHistory(world));
});
afterAll(async () => {
  await world?.close();
});

const range = { from: '2026-01', to: '2026-04' };

describe('the movements behind a figure', () => {
  it('are February’s churn: Bob, his subscription and plan, and what caused it', async () => {
    const page = await world.as('viewerA').analytics.movements({
      from: '2026-02',
      to: '2026-02',
      kind: 'churn',
      segment: {},
    });
    expect(page.total).toBe(1);
    expect(page.items).toEqual([
      expect.objectContaining({
        kind: 'churn',
        customerId: ids.bob,
        customerName: 'Bob Moses',
        subscriptionId: `sub_of_${ids.bob}`,
        planId: ids.pro,
        planName: 'Pro',
        currency: 'USD',
        amount: -5_000,
        subscriptionMrrBefore: 5_000,
        subscriptionMrrAfter: 0,
        causeType: 'subscription',
        causeId: null,
      }),
    ]);
  });

  it('come in the order they happened, page by page, each once', async () => {
    const seen: { effectiveAt: number; id: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listMovements>> = await listMovements(
        world.database.db,
        world.tenants.A.id,
        { ...range, kind: null, segment: {} },
        cursor,
        2,
      );
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(seeds.length);
    expect(new Set(seen.map((m) => m.id)).size).toBe(seeds.length);
    const order = seen.map((m) => [m.effectiveAt, m.id].join('/'));
    expect(order).toEqual(
      [...seen]
        .sort((a, b) => a.effectiveAt - b.effectiveAt || (a.id < b.id ? -1 : 1))
        .map((m) => [m.effectiveAt, m.id].join('/')),
    );
  });

  it('keep the segment: the euro movements of France', async () => {
    const page = await world.as('viewerA').analytics.movements({
      ...range,
      segment: { currency: 'EUR', country: 'FR' },
    });
    expect(page.items.map((m) => [m.customerName, m.kind, m.amount, m.amountReporting])).toEqual([
      ['Cy Twombly', 'new', 9_000, 9_900],
      ['Cy Twombly', 'contraction', -1_000, -1_200],
    ]);
  });

  it('show nothing of another workspace', async () => {
    const page = await world.as('adminB').analytics.movements({ ...range, segment: {} });
    expect(page).toMatchObject({ items: [], total: 0 });
  });
});

describe('the filters', () => {
  it('offer the workspace’s plans by name, and the currencies and countries it has movements in', async () => {
    const values = await world.as('viewerA').analytics.segments();
    expect(values.plans.map((p) => p.name)).toEqual(['Pro', 'Team']);
    expect(values).toMatchObject({
      intervals: ['month', 'year'],
      currencies: ['EUR', 'USD'],
      countries: ['FR', 'US'],
      sources: ['tollgate', 'stripe'],
    });
  });
});

describe('bad input', () => {
  const overview = (input: Record<string, unknown>) => () =>
    world.as('viewerA').analytics.overview({ ...range, segment: {}, ...input });

  it('names a reversed range, a range too long and a month that is not one', async () => {
    const reversed = await expectDomainError(overview({ from: '2026-04', to: '2026-01' }), 'INVALID_INPUT');
    expect(reversed.message).toContain('To (2026-01) is before From (2026-04)');
    const long = await expectDomainError(overview({ from: '2020-01', to: '2026-01' }), 'INVALID_INPUT');
    expect(long.message).toContain('73 months; the Overview shows at most 60');
    const month = await expectDomainError(overview({ from: '2026-13' }), 'INVALID_INPUT');
    expect(month.message).toContain('From must be a month, like 2026-03');
  });

  it('names the filter a made-up value is in', async () => {
    const interval = await expectDomainError(overview({ segment: { interval: 'weekly' } }), 'INVALID_INPUT');
    expect(interval.message).toContain('Interval filter must be month or year');
    const source = await expectDomainError(overview({ segment: { source: 'paypal' } }), 'INVALID_INPUT');
    expect(source.message).toContain('Source filter must be tollgate or stripe');
    const currency = await expectDomainError(overview({ segment: { currency: 'usd' } }), 'INVALID_INPUT');
    expect(currency.message).toContain('Currency filter must be a currency code');
    const country = await expectDomainError(overview({ segment: { country: 'XX' } }), 'INVALID_INPUT');
    expect(country.message).toContain('Country filter must be a country code');
  });

  it('does not find a plan of another workspace, as it does not find a made-up one', async () => {
    const inB = world.as('owner', world.tenants.B.id);
    const product = await inB.catalog.createProduct({ name: 'Other Academy' });
    const plan = await inB.catalog.createPlan({ productId: product.id, name: 'Other Pro' });
    const ofB = await expectDomainError(overview({ segment: { plan: plan.id } }), 'NOT_FOUND');
    expect(ofB.message).toBe(`Plan filter: plan ${plan.id} was not found in this workspace`);
    const madeUp = `pln_${'0'.repeat(26)}`;
    const seen = await expectDomainError(overview({ segment: { plan: madeUp } }), 'NOT_FOUND');
    expect(seen.message).toBe(`Plan filter: plan ${madeUp} was not found in this workspace`);
    await expectDomainError(
      () => world.as('viewerA').analytics.movements({ ...range, segment: { plan: madeUp } }),
      'NOT_FOUND',
    );
  });
});

describe('a cohort cell’s movements', () => {
  it('are those of the cohort’s customers, from its first month to the cell’s', async () => {
    const page = await world.as('viewerA').analytics.movements({
      from: '2026-01',
      to: '2026-02',
      cohort: '2026-01',
      segment: { currency: 'USD' },
    });
    expect(page.items.map((m) => [m.customerName, m.kind, m.amount])).toEqual([
      ['Ada Lovelace', 'new', 10_000],
      ['Bob Moses', 'new', 5_000],
      ['Ada Lovelace', 'expansion', -10_000],
      ['Ada Lovelace', 'expansion', 12_000],
      ['Bob Moses', 'churn', -5_000],
    ]);
    // The cell adds them up: January's dollar cohort ends February at 120.00 of MRR.
    const o = await world.as('viewerA').analytics.overview({ ...range, segment: { currency: 'USD' } });
    expect(o.cohorts[0]?.months[1]?.mrr).toBe(page.items.reduce((s, m) => s + m.amount, 0));
  });
});
