import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Replica } from '../../sync/desktop/replica';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../testing/billing.test-kit';
import type { Persona } from '../../testing/world.test-kit';
import { startWebhookReceiver, type WebhookReceiver } from '../../../tests/support/webhook-receiver';
import { deliverUntilSettled, deliveryDeps, recordingNotices, webhooksAs } from './webhooks.test-kit';

/**
 * A desktop's replica gets the Webhooks page's data (endpoints, events, deliveries, the
 * attempt log) for whoever may list it (settings.write), never a signing secret, and never
 * makes events of its own from the rows it receives.
 */

let world: BillingWorld;
let receiver: WebhookReceiver;
let dir: string;
let replica: Replica | undefined;

beforeEach(async () => {
  world = await createBillingWorld();
  receiver = await startWebhookReceiver(() => 200);
  dir = mkdtempSync(join(tmpdir(), 'tollgate-webhooks-replica-'));
});
afterEach(async () => {
  await replica?.close();
  replica = undefined;
  await receiver.close();
  await world.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pullInto(persona: Persona): Promise<Replica> {
  const opened = Replica.open(join(dir, `${persona}.sqlite`));
  let cursor = 0;
  for (;;) {
    const page = await world.as(persona).sync.pull({ cursor, limit: 1000 });
    opened.applyPage(page, world.clock.now());
    cursor = page.cursor;
    if (!page.more) return opened;
  }
}

const count = (r: Replica, table: string) =>
  (r.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('webhooks on a replica', () => {
  it('replicates endpoints, events, deliveries and attempts without the secret, to settings.write only', async () => {
    const { secret, endpoint } = await webhooksAs(world, 'owner').create({
      url: receiver.url,
      eventTypes: ['subscription.created', 'invoice.paid'],
    });
    const { customerId } = await world.customerOnClock('Jo Replicated', GOOD_CARD);
    await world
      .as('billingA')
      .subscriptions.create({ customerId, priceId: world.catalog.prices.proMonthlyUsd, trialDays: 0 });
    await deliverUntilSettled(world, deliveryDeps(world, recordingNotices()));

    replica = await pullInto('owner');
    const events = count(replica, 'webhook_events');
    expect(events).toBe(2);
    expect(count(replica, 'webhook_deliveries')).toBe(2);
    expect(count(replica, 'webhook_attempts')).toBe(2);
    expect(replica.sqlite.prepare('SELECT id, status, secret_hint FROM webhook_endpoints').all()).toEqual([
      { id: endpoint.id, status: 'enabled', secret_hint: secret.slice(-4) },
    ]);
    expect(count(replica, 'webhook_secrets')).toBe(0);
    // The capture triggers are the authority's: none on the replica.
    const triggers = replica.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'authority%'")
      .all();
    expect(triggers).toEqual([]);
    // A subscription row arriving later makes no event on the replica.
    await world.as('billingA').subscriptions.cancel({
      id: (replica.sqlite.prepare('SELECT id FROM subscriptions').get() as { id: string }).id,
      when: 'now',
    });
    const page = await world.as('owner').sync.pull({ cursor: Number(replica.cursor), limit: 1000 });
    replica.applyPage(page, world.clock.now());
    expect(count(replica, 'webhook_events')).toBe(events);

    await replica.close();
    replica = undefined;
    for (const file of readdirSync(dir)) {
      expect(readFileSync(join(dir, file)).includes(secret), file).toBe(false);
    }
  });

  it('shows a rolled secret’s hint and expiry on the replica, never a secret', async () => {
    const owner = webhooksAs(world, 'owner');
    const { secret: old, endpoint } = await owner.create({
      url: receiver.url,
      eventTypes: ['subscription.created'],
    });
    const { secret: rolled } = await owner.rotateSecret({ id: endpoint.id, oldSecretExpires: '1h' });
    replica = await pullInto('owner');
    const row = replica.sqlite
      .prepare('SELECT secret_hint, expiring_secrets FROM webhook_endpoints')
      .get() as { secret_hint: string; expiring_secrets: string };
    expect(row.secret_hint).toBe(rolled.slice(-4));
    expect(JSON.parse(row.expiring_secrets)).toEqual([
      { hint: old.slice(-4), expires_at: world.clock.now() + 60 * 60 * 1000 },
    ]);
    await replica.close();
    replica = undefined;
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file));
      expect(bytes.includes(old) || bytes.includes(rolled), file).toBe(false);
    }
  });

  it('sends none of it to a role without settings.write', async () => {
    await webhooksAs(world, 'owner').create({ url: receiver.url, eventTypes: ['subscription.created'] });
    const { customerId } = await world.customerOnClock('Kim Hidden', GOOD_CARD);
    await world
      .as('billingA')
      .subscriptions.create({ customerId, priceId: world.catalog.prices.proMonthlyUsd, trialDays: 0 });
    replica = await pullInto('adminA');
    for (const table of ['webhook_endpoints', 'webhook_events', 'webhook_deliveries', 'webhook_attempts']) {
      expect(count(replica, table), table).toBe(0);
    }
    // The pull itself worked: what adminA may list did arrive.
    expect(count(replica, 'subscriptions')).toBe(1);
  });
});
