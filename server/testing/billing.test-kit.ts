import type { DemoCatalog } from '../modules/catalog';
import { seedDemoCatalog } from '../modules/catalog';
import { createTestWorld, START, type TestWorld } from './world.test-kit';

export const GOOD_CARD = '4242 4242 4242 4242';
/** Attaches fine; every charge is declined. */
export const FAILING_CARD = '4000 0000 0000 0341';

export interface BillingWorld extends TestWorld {
  catalog: DemoCatalog;
  /** A customer in tenant A, on a fresh test clock starting at START, with a card if given. */
  customerOnClock(
    name: string,
    card?: string,
  ): Promise<{ customerId: string; clockId: string; cardId: string | null }>;
  advance(clockId: string, to: number): Promise<unknown>;
}

let counter = 0;

/** A test world whose tenant A has the demo catalog (Free, Pro, Enterprise). */
export async function createBillingWorld(): Promise<BillingWorld> {
  const world = await createTestWorld();
  const catalog = await seedDemoCatalog(world.database.db, world.tenants.A.id, START);
  const staff = () => world.as('billingA');
  return {
    ...world,
    catalog,
    async customerOnClock(name, card) {
      counter++;
      const customer = await world
        .as('adminA')
        .customers.create({ name, email: `c${counter}-${Date.now()}@example.com`, country: 'US' });
      const clock = await staff().testClocks.create({ name: `${name}'s clock`, startAt: START });
      await staff().testClocks.attach({ id: clock.id, customerId: customer.id });
      const method = card
        ? await staff().paymentMethods.add({ customerId: customer.id, source: card })
        : null;
      return { customerId: customer.id, clockId: clock.id, cardId: method?.id ?? null };
    },
    advance: (clockId, to) => staff().testClocks.advance({ id: clockId, to }),
  };
}
