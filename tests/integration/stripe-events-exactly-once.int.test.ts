import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe';
import type { StripeEvent } from '../fakes/stripe/events';
import { newWebhookSecret } from '../fakes/stripe/webhooks';
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
 * Exactly once, end to end, on the Stripe Billing mirror's own handlers: 500 Stripe subscriptions
 * that each went through 20 versions (10,000 customer.subscription.* events), 2,000 of them
 * delivered twice, all shuffled and posted 64 at a time to a real server process whose
 * gateway is a Stripe-compatible fake holding every subscription as it stands now. The
 * process is SIGKILLed mid-stream and restarted on the same database, and every delivery it
 * did not acknowledge is sent again (as Stripe does). In the end each event is in the inbox
 * once and reached an end, no snapshot was applied twice or out of order, and the mirrored
 * subscriptions, customers and catalog equal an in-order run's and Stripe's current objects.
 * (scale-out.pg.int.test.ts runs the same deliveries through nginx to two servers on PostgreSQL.)
 */

const SCENARIO = scenarioOf(500);
const { duplicates: DUPLICATES, concurrency: CONCURRENCY, killAfter: KILL_AFTER } = SCENARIO;

const data: ServerData = { dir: mkdtempSync(join(tmpdir(), 'tollgate-exactly-once-')), postgres: null };
const secret = newWebhookSecret();
let fake: FakeStripe;
let histories: StripeHistories;
let env: Record<string, string>;
let server: SpawnedServer;
let tenantId: string;

beforeAll(async () => {
  fake = await startFakeStripe();
  histories = await seedScenario(fake, SCENARIO);
  env = fleetEnv(data, fake);
  server = await startWebhookServer(env);
  tenantId = await prepareTenant(server.url, env, secret);
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
  rmSync(data.dir, { recursive: true, force: true });
});

/**
 * The crash scenario: every delivery posted, the server SIGKILLed mid-stream, restarted on
 * the same database, the unacknowledged ones posted again; resolves with what it left.
 */
async function crashedRun(events: StripeEvent[]): Promise<MirrorOutcome> {
  const endpoint = (url: string) => `${url}/webhooks/stripe/${tenantId}`;
  // Up to the crash: SIGKILL once KILL_AFTER deliveries are acknowledged, with others in flight.
  let killed = false;
  const firstServer = server;
  const { unacknowledged: leftOver } = await postAll(
    endpoint(firstServer.url),
    withDuplicates(events, DUPLICATES),
    {
      secret,
      concurrency: CONCURRENCY,
      onAcknowledged: (count) => {
        if (count >= KILL_AFTER && !killed) {
          killed = true;
          firstServer.process.kill('SIGKILL');
        }
      },
    },
  );
  expect(killed).toBe(true);
  expect(leftOver.length).toBeGreaterThan(0);
  await firstServer.stop();

  // The same database, a new process: Stripe retries whatever was not acknowledged, until it is.
  server = await startWebhookServer(env);
  const retried = await redeliver(endpoint(server.url), leftOver, { secret, concurrency: CONCURRENCY });
  expect(retried.unacknowledged.length, retried.reasons.join('; ')).toBe(0);
  return outcomeOnceDrained(data, tenantId, () => server.stop());
}

describe('webhook deliveries to the Stripe Billing mirror, duplicated, shuffled and interrupted by a crash', () => {
  it('end with every event stored once, applied at most once and in order, and the in-order state', () =>
    expectCrashedRunExactlyOnce(SCENARIO, histories, fake, secret, crashedRun));
});
