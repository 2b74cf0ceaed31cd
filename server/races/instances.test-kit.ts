import { sql } from 'kysely';
import { inject } from 'vitest';
import { databaseUrl } from '../../tests/support/postgres-admin';
import { appRouter } from '../app/router';
import { openPostgres, type AppDatabase } from '../db/connection';
import { sandboxGateways } from '../gateways/provider';
import type { GatewayProvider, PaymentGateway } from '../gateways/types';
import { createCallerFactory } from '../trpc/base';
import { createContext, type Services } from '../trpc/context';
import { createBillingWorld, type BillingWorld } from '../testing/billing.test-kit';
import type { Persona } from '../testing/world.test-kit';
import { appProcedures } from '../app/procedures';
import { silentLogger } from '../lib/logger';

/**
 * Two hosted instances on ONE PostgreSQL database, in one process: each has its own pool
 * (its own connections, so its own transactions and locks) and its own services, as two
 * servers behind a load balancer would. What they share is only what the database shares,
 * which is what the guarantees of decision 109 must hold across.
 *
 * Module-level state of this process (push's per-client queue) is shared by both: races that
 * such state would hide run against two real server processes instead (push.pg.int.test.ts).
 */

const createCaller = createCallerFactory(appRouter);

export interface Instance {
  name: 'one' | 'two';
  database: AppDatabase;
  services: Services;
  as(persona: Persona, tenantId?: string | null): ReturnType<typeof createCaller>;
}

export interface Charges {
  /** Charge requests each gateway was asked, by idempotency key, across both instances. */
  requested: string[];
}

export interface TwoInstances {
  world: BillingWorld;
  one: Instance;
  two: Instance;
  /** Both, for `Promise.all(both.map(...))`. */
  both: [Instance, Instance];
  charges: Charges;
  close(): Promise<void>;
}

/** The URL of the database `database` is connected to, for a second pool on it. */
export async function urlOf(database: AppDatabase): Promise<string> {
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(database.db);
  const name = rows[0]?.name;
  if (!name) throw new Error('no current database');
  return databaseUrl(inject('tollgatePostgres').url, name);
}

/** Counts every charge a gateway is asked for, whichever instance asks: "never two charges". */
function countingCharges(provider: GatewayProvider, charges: Charges): GatewayProvider {
  return {
    ...provider,
    forTenant: (tenantId) => {
      const gateway = provider.forTenant(tenantId);
      const counted = Object.create(gateway) as PaymentGateway;
      counted.charge = (input, key) => {
        charges.requested.push(key);
        return gateway.charge(input, key);
      };
      return counted;
    },
  };
}

/**
 * A billing world (tenants, personas, demo catalog) whose database is served by two
 * instances. Instance one is the world's own services; instance two opens a second pool.
 */
export async function twoInstances(): Promise<TwoInstances> {
  const world = await createBillingWorld();
  if (world.database.dialect !== 'postgres') throw new Error('races need PostgreSQL (integration-pg)');
  const charges: Charges = { requested: [] };
  world.services.gateways = countingCharges(world.services.gateways, charges);
  const secondDatabase = await openPostgres({ url: await urlOf(world.database) });
  const secondServices: Services = {
    db: secondDatabase.db,
    clock: world.clock,
    logger: silentLogger,
    mode: 'standalone',
    procedures: appProcedures,
    gateways: countingCharges(sandboxGateways(secondDatabase.db, world.clock), charges),
  };
  const callerOn = (services: Services, client: string) => (persona: Persona, tenantId?: string | null) =>
    createCaller(
      createContext({
        services,
        principal: world.principals[persona],
        requestedTenantId:
          tenantId === undefined ? world.tenants[persona === 'adminB' ? 'B' : 'A'].id : tenantId,
        client: { kind: 'test', id: `${client}:${persona}` },
      }),
    );
  const one: Instance = {
    name: 'one',
    database: world.database,
    services: world.services,
    as: callerOn(world.services, 'one'),
  };
  const two: Instance = {
    name: 'two',
    database: secondDatabase,
    services: secondServices,
    as: callerOn(secondServices, 'two'),
  };
  return {
    world,
    one,
    two,
    both: [one, two],
    charges,
    close: async () => {
      await secondDatabase.close();
      await world.close();
    },
  };
}

/** `count` tasks alternating between the two instances, all started at once. */
export function raceOn<T>(
  both: [Instance, Instance],
  count: number,
  task: (instance: Instance, index: number) => Promise<T>,
): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(
    Array.from({ length: count }, (_, index) => task(index % 2 === 0 ? both[0] : both[1], index)),
  );
}
