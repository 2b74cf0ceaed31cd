import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as mutationContext from '../commands/mutation-context';
import { createContext } from '../trpc/context';
import type * as PushModule from '../sync/push';
import { twoInstances, type Instance, type TwoInstances } from './instances.test-kit';

/**
 * Exactly-once push across instances (decision 109): a mutation moves its client's last
 * applied id only from below, in the command's own transaction, so of two runs of one pushed
 * mutation on two instances the second finds it applied and rolls back. push.ts queues a
 * client's pushes in a module-level map, which within one process would serialize the two
 * runs and hide the race: each instance here loads its own copy of the module (as two server
 * processes would have), so nothing but the database orders them.
 */

let race: TwoInstances;
let pushOf: Map<Instance, typeof PushModule>;
beforeEach(async () => {
  race = await twoInstances();
  pushOf = new Map();
  for (const instance of race.both) {
    vi.resetModules();
    // Only push.ts is copied: the commands it runs share the one mutation context (and its classes).
    vi.doMock('../commands/mutation-context', () => mutationContext);
    pushOf.set(instance, await import('../sync/push'));
  }
});
afterEach(async () => {
  await race.close();
});

describe('one pushed batch sent to two instances at once', () => {
  it('applies each command once, and both answers agree', async () => {
    const [first, second] = [...pushOf.values()];
    expect(first?.applyPush).not.toBe(second?.applyPush);
    const tenantId = race.world.tenants.A.id;
    const principal = race.world.principals.adminA;
    for (let round = 0; round < 10; round++) {
      const clientId = `race-client-${round}`;
      const mutations = [1, 2, 3].map((id) => ({
        id,
        tenantId,
        path: 'customers.create',
        input: { name: `Pushed ${round}.${id}`, email: `push-${round}-${id}@example.com`, country: 'US' },
      }));
      const answers = await Promise.all(
        race.both.map((instance) => {
          const push = pushOf.get(instance);
          if (!push) throw new Error('no push module');
          const ctx = createContext({
            services: instance.services,
            principal,
            requestedTenantId: tenantId,
            client: { kind: 'desktop', id: clientId },
          });
          return push.applyPush(ctx, principal, clientId, mutations);
        }),
      );
      expect(answers[0]?.map((a) => a.status)).toEqual(['ok', 'ok', 'ok']);
      expect(answers[1]).toEqual(answers[0]);
      const created = await race.one.database.db
        .selectFrom('customers')
        .select('email')
        .where('email', 'like', `push-${round}-%`)
        .execute();
      expect(created.map((c) => c.email).sort()).toEqual(mutations.map((m) => m.input.email));
    }
  });
});
