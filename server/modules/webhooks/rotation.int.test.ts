import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookEventBody } from '../../../shared/webhooks/event-types';
import { parseSignatureHeader, verifyWebhook } from '../../../shared/webhooks/verify';
import { startWebhookReceiver, type WebhookReceiver } from '../../../tests/support/webhook-receiver';
import { runDueJobs } from '../../jobs/runner';
import { silentLogger } from '../../lib/logger';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../testing/billing.test-kit';
import { expectDomainError } from '../../testing/errors.test-kit';
import { webhooksJobHandlers } from './retention';
import { MAX_EXPIRING_SECRETS } from './secrets';
import { deliverUntilSettled, deliveryDeps, recordingNotices, webhooksAs } from './webhooks.test-kit';
import { allRows, countRows } from '../../testing/table-counts.test-kit';

/**
 * Rolling a secret with an overlap, checked as a receiver checks it: the raw body and header
 * as they arrived, verified with the documented helper and with Stripe's SDK, holding either
 * the old secret or the new one.
 */

const HOUR = 60 * 60 * 1000;

let world: BillingWorld;
let receiver: WebhookReceiver;

beforeEach(async () => {
  world = await createBillingWorld();
  receiver = await startWebhookReceiver(
    () => 200,
    () => world.clock.now(),
  );
});
afterEach(async () => {
  await receiver.close();
  await world.close();
});

const owner = () => webhooksAs(world, 'owner');

async function subscribeSomeone(name: string) {
  const { customerId } = await world.customerOnClock(name, GOOD_CARD);
  await world
    .as('billingA')
    .subscriptions.create({ customerId, priceId: world.catalog.prices.proMonthlyUsd, trialDays: 0 });
}

/** The last request, as a receiver holding `secret` checks it at the time it arrived. */
async function lastVerifiedWith(secret: string) {
  const request = receiver.requests.at(-1);
  const rawBody = request?.rawBody ?? '';
  const header = String(request?.headers['tollgate-signature']);
  const nowSeconds = Math.floor((request?.receivedAt ?? 0) / 1000);
  const event = await verifyWebhook<WebhookEventBody>(rawBody, header, secret, { nowSeconds });
  const stripe = new Stripe('sk_test_unused', { telemetry: false });
  const viaStripe = stripe.webhooks.constructEvent(rawBody, header, secret, 300, undefined, nowSeconds);
  expect(viaStripe.id).toBe(event.id);
  return { event, header };
}

const secretRows = async (endpointId: string) => ({
  n: await countRows(world.database.db, 'webhook_secrets', `endpoint_id = '${endpointId}'`),
});

describe('rolling a secret with an overlap', () => {
  it('signs with both secrets until the old one expires, then with the new one only', async () => {
    const { endpoint, secret: old } = await owner().create({
      url: receiver.url,
      eventTypes: ['subscription.created'],
    });
    const rolled = await owner().rotateSecret({ id: endpoint.id, oldSecretExpires: '24h' });
    expect(rolled.secret).not.toBe(old);
    const rolledAt = world.clock.now();
    expect(rolled.endpoint).toMatchObject({
      secretHint: rolled.secret.slice(-4),
      expiringSecrets: [{ hint: old.slice(-4), expiresAt: rolledAt + 24 * HOUR }],
    });
    expect(JSON.stringify(await owner().endpoints())).not.toContain(rolled.secret);

    // During the overlap: one v1 per live secret, the new one first; either secret verifies.
    await subscribeSomeone('Ann Overlap');
    await deliverUntilSettled(world, deliveryDeps(world, recordingNotices()));
    const during = await lastVerifiedWith(old);
    await lastVerifiedWith(rolled.secret);
    expect(parseSignatureHeader(during.header).signatures).toHaveLength(2);
    expect(during.header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    await expect(
      verifyWebhook(receiver.requests[0]?.rawBody ?? '', during.header, 'whsec_neither', {
        nowSeconds: Math.floor((receiver.requests[0]?.receivedAt ?? 0) / 1000),
      }),
    ).rejects.toThrow(/No signature matches/);

    // After it: the old secret signs nothing, and the job at its expiry forgets it.
    world.clock.set(rolledAt + 24 * HOUR + 1);
    expect((await secretRows(endpoint.id)).n).toBe(2);
    const jobs = { db: world.database.db, clock: world.clock, logger: silentLogger };
    await runDueJobs({
      ...jobs,
      handlers: webhooksJobHandlers({ db: world.database.db, clock: world.clock }),
    });
    expect((await secretRows(endpoint.id)).n).toBe(1);
    expect((await owner().endpoints())[0]?.expiringSecrets).toEqual([]);
    const audit = await world.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('entity_id', '=', endpoint.id)
      .orderBy('seq')
      .execute();
    expect(audit.at(-1)).toEqual({ action: 'webhook_endpoint.secret_expired', actor_name: 'Webhooks' });
    await subscribeSomeone('Ben After');
    await deliverUntilSettled(world, deliveryDeps(world, recordingNotices()));
    const after = await lastVerifiedWith(rolled.secret);
    expect(parseSignatureHeader(after.header).signatures).toHaveLength(1);
    await expect(lastVerifiedWith(old)).rejects.toThrow(/No signature matches/);
  });

  it('drops the old secret at once for "now" (a leaked secret), as rotateSecret always did', async () => {
    const { endpoint, secret: old } = await owner().create({
      url: receiver.url,
      eventTypes: ['subscription.created'],
    });
    const rolled = await owner().rotateSecret({ id: endpoint.id });
    expect(rolled.endpoint.expiringSecrets).toEqual([]);
    expect((await secretRows(endpoint.id)).n).toBe(1);
    await subscribeSomeone('Cal Leaked');
    await deliverUntilSettled(world, deliveryDeps(world, recordingNotices()));
    expect(parseSignatureHeader((await lastVerifiedWith(rolled.secret)).header).signatures).toHaveLength(1);
    await expect(lastVerifiedWith(old)).rejects.toThrow(/No signature matches/);
  });

  it('keeps at most a few older secrets signing, the newest ones', async () => {
    const created = await owner().create({ url: receiver.url, eventTypes: ['subscription.created'] });
    const secrets = [created.secret];
    for (let i = 0; i < MAX_EXPIRING_SECRETS + 2; i++) {
      world.clock.set(world.clock.now() + 1000);
      secrets.push((await owner().rotateSecret({ id: created.endpoint.id, oldSecretExpires: '7d' })).secret);
    }
    await subscribeSomeone('Dee Many');
    await deliverUntilSettled(world, deliveryDeps(world, recordingNotices()));
    const { header } = await lastVerifiedWith(secrets.at(-1) ?? '');
    expect(parseSignatureHeader(header).signatures).toHaveLength(MAX_EXPIRING_SECRETS + 1);
    await lastVerifiedWith(secrets.at(-1 - MAX_EXPIRING_SECRETS) ?? '');
    await expect(lastVerifiedWith(secrets.at(-2 - MAX_EXPIRING_SECRETS) ?? '')).rejects.toThrow(
      /No signature matches/,
    );
  });

  it('keeps every secret out of the audit trail, the change and row logs, jobs and errors', async () => {
    const { endpoint, secret: first } = await owner().create({
      url: receiver.url,
      eventTypes: ['subscription.created'],
    });
    const { secret: second } = await owner().rotateSecret({ id: endpoint.id, oldSecretExpires: '1h' });
    const refused = await expectDomainError(
      () => owner().rotateSecret({ id: endpoint.id, oldSecretExpires: '2h' as never }),
      'INVALID_INPUT',
    );
    expect(refused.data.fieldErrors).toHaveProperty('oldSecretExpires');
    for (const table of ['audit_log', 'change_log', 'sync_rows', 'webhook_endpoints', 'jobs']) {
      const text = JSON.stringify(await allRows(world.database.db, table));
      expect(text, table).not.toContain(first);
      expect(text, table).not.toContain(second);
    }
    const audit = await world.database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_id', '=', endpoint.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'webhook_endpoint.created',
      'webhook_endpoint.secret_rotated',
    ]);
    expect(JSON.parse(audit[1]?.after ?? '{}')).toMatchObject({ old_secret_expires: '1h' });
  });

  it('rolled through a desktop’s outbox (sync.push): the secret is in the first answer only, never stored', async () => {
    const { endpoint, secret: old } = await owner().create({
      url: receiver.url,
      eventTypes: ['subscription.created'],
    });
    const mutations = [
      {
        id: 1,
        tenantId: world.tenants.A.id,
        path: 'webhooks.rotateSecret',
        input: { id: endpoint.id, oldSecretExpires: '24h' },
      },
    ];
    const push = () =>
      world.as('owner', world.tenants.A.id).sync.push({ clientId: 'desk-roll-01', mutations });
    const first = await push();
    const answer = (first.results[0]?.status === 'ok' ? first.results[0].result : null) as {
      secret: string;
      endpoint: { expiringSecrets: { hint: string }[] };
    } | null;
    expect(answer?.secret).toMatch(/^whsec_/);
    expect(answer?.endpoint.expiringSecrets).toEqual([
      { hint: old.slice(-4), expiresAt: world.clock.now() + 24 * HOUR },
    ]);
    const stored = JSON.stringify(
      await world.database.db
        .selectFrom('sync_mutations')
        .selectAll()
        .where('client_id', '=', 'desk-roll-01')
        .execute(),
    );
    expect(stored).not.toContain(answer?.secret ?? 'no secret');
    const replay = await push();
    expect(JSON.stringify(replay)).not.toContain(answer?.secret ?? 'no secret');
    // Replayed, not rolled twice: one current secret and the one it replaced.
    expect((await secretRows(endpoint.id)).n).toBe(2);
  });
});
