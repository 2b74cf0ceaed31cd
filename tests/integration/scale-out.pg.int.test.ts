import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServerPostgres } from '../../server/testing/test-database.test-kit';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe';
import type { StripeEvent } from '../fakes/stripe/events';
import { newWebhookSecret } from '../fakes/stripe/webhooks';
import { startNginx, type Nginx } from '../support/nginx';
import { freePort } from '../support/ports';
import type { SpawnedServer } from '../support/spawn-server';
import { postAll, redeliver, withDuplicates } from './stripe-events/deliveries';
import type { MirrorOutcome } from './stripe-events/in-order-run';
import { expectCrashedRunExactlyOnce, scenarioOf, seedScenario } from './stripe-events/scenario';
import type { StripeHistories } from './stripe-events/stripe-histories';
import {
  fleetEnv,
  outcomeOnceDrained,
  prepareTenant,
  startWebhookServer,
  type ServerData,
} from './stripe-events/webhook-servers';

/**
 * Scale-out, exactly once: the deliveries of stripe-events-exactly-once.int.test.ts (Stripe
 * subscriptions of 20 versions each, a fifth of the events delivered twice, shuffled, 64 in
 * flight, signed) go through nginx to TWO hosted-server processes on ONE PostgreSQL database,
 * each receiving deliveries and running the event processor. One instance is SIGKILLed
 * mid-stream and restarted on its port while the other carries on; whatever nginx could not
 * get acknowledged is sent again, as Stripe does. The end is the single-server test's: each
 * event once in the inbox and at an end, each snapshot applied once and in order per
 * subscription, the mirror equal to an in-order run and to Stripe's objects, the audit chain
 * intact, though two processes wrote it at once.
 */

/**
 * 5,000 events (250 subscriptions of 20 versions), half the single-server test's 10,000: those
 * took 4 minutes of a clean CI run on two cores (a quarter of `npm test`), and scenarioOf(100),
 * 2,000 events, already found both races this test caught. 64 in flight, a fifth duplicated
 * and the kill halfway are as before.
 */
const SCENARIO = scenarioOf(250);
const { duplicates: DUPLICATES, concurrency: CONCURRENCY, killAfter: KILL_AFTER } = SCENARIO;

const data: ServerData = { dir: mkdtempSync(join(tmpdir(), 'tollgate-scale-out-')), postgres: null };
const secret = newWebhookSecret();
let fake: FakeStripe;
let histories: StripeHistories;
let env: Record<string, string>;
/**
 * Fixed ports, so nginx finds the restarted instance where the killed one was. A port free a
 * moment ago can be taken in between (tests/support/ports.ts): the instance then fails to start.
 */
let ports: [number, number];
let servers: [SpawnedServer, SpawnedServer];
let nginx: Nginx;
let tenantId: string;

beforeAll(async () => {
  const postgres = testServerPostgres(data.dir);
  if (!postgres) throw new Error('the scale-out test runs on PostgreSQL only (the integration-pg project)');
  data.postgres = await postgres;
  fake = await startFakeStripe();
  histories = await seedScenario(fake, SCENARIO);
  env = fleetEnv(data, fake);
  ports = [await freePort(), await freePort()];
  const first = await startWebhookServer(env, ports[0]);
  servers = [first, await startWebhookServer(env, ports[1])];
  tenantId = await prepareTenant(first.url, env, secret);
  nginx = await startNginx({ upstreams: ports.map((port) => `127.0.0.1:${port}`) });
});
afterAll(async () => {
  await nginx?.stop();
  await Promise.all((servers ?? []).map((server) => server.stop()));
  await fake?.close();
  rmSync(data.dir, { recursive: true, force: true });
});

/**
 * Every delivery through nginx; the first instance SIGKILLed once KILL_AFTER are acknowledged,
 * with others in flight on both, and started again on its port while deliveries go on.
 */
async function crashedRun(events: StripeEvent[]): Promise<MirrorOutcome> {
  const endpoint = `${nginx.url}/webhooks/stripe/${tenantId}`;
  // A holder, not a variable: TypeScript cannot see the callback assign it.
  const restart: { done: Promise<void> | null } = { done: null };
  const { unacknowledged: leftOver } = await postAll(endpoint, withDuplicates(events, DUPLICATES), {
    secret,
    concurrency: CONCURRENCY,
    onAcknowledged: (count) => {
      if (count < KILL_AFTER || restart.done) return;
      const killed = servers[0];
      killed.process.kill('SIGKILL');
      restart.done = killed.stop().then(async () => {
        servers[0] = await startWebhookServer(env, ports[0]);
      });
    },
  });
  expect(restart.done).not.toBeNull();
  await restart.done;
  // nginx saw the instance go (requests it held reset, new ones refused) and passed them on.
  expect(nginx.errorLog()).toMatch(/upstream/);

  // Stripe retries whatever was not acknowledged (nginx re-sends most itself), until it is.
  const retried = await redeliver(endpoint, leftOver, { secret, concurrency: CONCURRENCY });
  expect(retried.unacknowledged.length, retried.reasons.join('; ')).toBe(0);
  return outcomeOnceDrained(data, tenantId, async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });
}

describe('webhook deliveries through nginx to two servers on one PostgreSQL database, one killed mid-stream', () => {
  it('end with every event stored once, applied at most once and in order, and the in-order state', () =>
    expectCrashedRunExactlyOnce(SCENARIO, histories, fake, secret, crashedRun));
});
