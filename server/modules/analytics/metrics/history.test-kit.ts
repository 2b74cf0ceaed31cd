import { monthBounds } from '../../../../shared/analytics/overview-months';
import type { TestWorld } from '../../../testing/world.test-kit';
import { recordMovements, setRates, type MovementSeed, type Rate } from './metrics.test-kit';

/**
 * A small history in tenant A chosen for its figures: four customers, two plans, dollars and
 * euros, January to April 2026.
 *
 * - January: Ada (Pro, 100.00), Bob (Pro, 50.00) and Cy (Team, €90.00, France) start.
 * - February: Ada moves to Team at 120.00 (an expansion in two legs); Bob churns.
 * - March: Dee starts on Pro at 30.00; Cy contracts by €10.00.
 * - April: Bob comes back at 50.00.
 *
 * Euros report in dollars at 1.1 from 2025-12-31 and 1.2 from 2026-02-15.
 */
export const HISTORY_RATES: Rate[] = [
  { base: 'EUR', day: '2025-12-31', rate: '1.1' },
  { base: 'EUR', day: '2026-02-15', rate: '1.2' },
];

/** An hour into `day` of `month`, UTC. */
export const dayOf = (month: string, day: number) =>
  monthBounds(month).start + (day - 1) * 86_400_000 + 3_600_000;

export async function seedHistory(world: TestWorld) {
  const staff = world.as('billingA');
  const product = await staff.catalog.createProduct({ name: 'Academy' });
  const pro = (await staff.catalog.createPlan({ productId: product.id, name: 'Pro' })).id;
  const team = (await staff.catalog.createPlan({ productId: product.id, name: 'Team' })).id;
  const customer = async (name: string, country: string) =>
    (await staff.customers.create({ name, email: `${name.split(' ')[0]}@a.example`, country })).id;
  const ids = {
    pro,
    team,
    ada: await customer('Ada Lovelace', 'US'),
    bob: await customer('Bob Moses', 'US'),
    cy: await customer('Cy Twombly', 'FR'),
    dee: await customer('Dee Dee', 'US'),
  };
  const eur = { currency: 'EUR', country: 'FR' };
  const jan = { cohort: '2026-01' };
  const seeds: MovementSeed[] = [
    { customerId: ids.ada, kind: 'new', amount: 10_000, effectiveAt: dayOf('2026-01', 3), planId: pro },
    { customerId: ids.bob, kind: 'new', amount: 5_000, effectiveAt: dayOf('2026-01', 9), planId: pro },
    {
      customerId: ids.cy,
      kind: 'new',
      amount: 9_000,
      effectiveAt: dayOf('2026-01', 20),
      planId: team,
      ...eur,
    },
    {
      customerId: ids.ada,
      kind: 'expansion',
      amount: -10_000,
      effectiveAt: dayOf('2026-02', 3),
      planId: pro,
      ...jan,
    },
    {
      customerId: ids.ada,
      kind: 'expansion',
      amount: 12_000,
      effectiveAt: dayOf('2026-02', 3),
      planId: team,
      ...jan,
    },
    {
      customerId: ids.bob,
      kind: 'churn',
      amount: -5_000,
      effectiveAt: dayOf('2026-02', 9),
      planId: pro,
      causeType: 'subscription',
      causeId: null,
      ...jan,
    },
    { customerId: ids.dee, kind: 'new', amount: 3_000, effectiveAt: dayOf('2026-03', 1), planId: pro },
    {
      customerId: ids.cy,
      kind: 'contraction',
      amount: -1_000,
      effectiveAt: dayOf('2026-03', 20),
      planId: team,
      ...eur,
      ...jan,
    },
    {
      customerId: ids.bob,
      kind: 'reactivation',
      amount: 5_000,
      effectiveAt: dayOf('2026-04', 2),
      planId: pro,
      ...jan,
    },
  ];
  await setRates(world.database.db, world.tenants.A.id, 'USD', HISTORY_RATES);
  await recordMovements(world.database.db, world.tenants.A.id, seeds, {
    reporting: 'USD',
    rates: HISTORY_RATES,
  });
  return { ids, seeds };
}
