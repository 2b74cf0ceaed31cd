import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../trpc/context';
import { expectDomainError } from '../../testing/errors.test-kit';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../testing/billing.test-kit';
import type { Persona } from '../../testing/world.test-kit';
import { startWebhookReceiver, type WebhookReceiver } from '../../../tests/support/webhook-receiver';
import {
  deliverUntilSettled,
  deliveryDeps,
  liveGateways,
  recordingNotices,
  webhooksAs,
} from './webhooks.test-kit';
import { allRows } from '../../testing/table-counts.test-kit';

let world: BillingWorld;
let receiver: WebhookReceiver;

beforeEach(async () => {
  world = await createBillingWorld();
  receiver = await startWebhookReceiver(() => 200);
});
afterEach(async () => {
  await receiver.close();
  await world.close();
});

const owner = (tenantId?: string) => webhooksAs(world, 'owner', tenantId);
const live = (): Services => ({ ...world.services, gateways: liveGateways(world.services.gateways) });
const ownerLive = () => webhooksAs(world, 'owner', undefined, live());

async function subscribeSomeone(name: string) {
  const { customerId } = await world.customerOnClock(name, GOOD_CARD);
  await world
    .as('billingA')
    .subscriptions.create({ customerId, priceId: world.catalog.prices.proMonthlyUsd, trialDays: 0 });
}

describe('endpoints', () => {
  it('shows the secret once, keeps it out of every log and replica row, and rotates it', async () => {
    const { endpoint, secret } = await owner().create({
      url: receiver.url,
      eventTypes: ['invoice.paid', 'subscription.created'],
      description: 'Course catalog',
    });
    expect(endpoint).toMatchObject({
      url: receiver.url,
      status: 'enabled',
      eventTypes: ['invoice.paid', 'subscription.created'],
      description: 'Course catalog',
      secretHint: secret.slice(-4),
      lastDelivery: null,
    });
    const listed = await owner().endpoints();
    expect(JSON.stringify(listed)).not.toContain(secret);
    const rotated = await owner().rotateSecret({ id: endpoint.id });
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.endpoint.secretHint).toBe(rotated.secret.slice(-4));

    for (const table of ['audit_log', 'change_log', 'sync_rows', 'webhook_endpoints']) {
      const text = JSON.stringify(await allRows(world.database.db, table));
      expect(text, table).not.toContain(secret);
      expect(text, table).not.toContain(rotated.secret);
    }
    const audit = await world.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', endpoint.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'webhook_endpoint.created',
      'webhook_endpoint.secret_rotated',
    ]);

    // Deliveries are signed with the new secret from then on.
    await subscribeSomeone('Fay Rotated');
    await deliverUntilSettled(world, deliveryDeps(world, recordingNotices()));
    const signature = String(receiver.requests[0]?.headers['tollgate-signature']);
    const { signatureFor } = await import('./signing');
    const t = Number(/t=(\d+)/.exec(signature)?.[1]);
    expect(signature).toBe(signatureFor(rotated.secret, receiver.requests[0]?.rawBody ?? '', t));
  });

  it('holds deliveries while disabled by staff and sends them when enabled again', async () => {
    const { endpoint } = await owner().create({ url: receiver.url, eventTypes: ['subscription.created'] });
    await subscribeSomeone('Gus Held');
    const disabled = await owner().setEnabled({ id: endpoint.id, enabled: false });
    expect(disabled).toMatchObject({ status: 'disabled', disabledReason: 'staff' });
    await deliverUntilSettled(world, deliveryDeps(world, recordingNotices()));
    expect(receiver.requests).toHaveLength(0);
    await owner().setEnabled({ id: endpoint.id, enabled: true });
    await deliverUntilSettled(world, deliveryDeps(world, recordingNotices()));
    expect(receiver.requests).toHaveLength(1);
  });

  it('refuses bad input naming the field', async () => {
    const bad = (input: unknown) => expectDomainError(() => owner().create(input as never), 'INVALID_INPUT');
    expect((await bad({ url: receiver.url, eventTypes: [] })).data.fieldErrors).toHaveProperty('eventTypes');
    expect((await bad({ url: receiver.url, eventTypes: ['invoice.nope'] })).data.fieldErrors).toHaveProperty(
      'eventTypes.0',
    );
    expect(
      (await bad({ url: receiver.url, eventTypes: ['invoice.paid', 'invoice.paid'] })).data.fieldErrors,
    ).toHaveProperty('eventTypes');
    expect(
      (await bad({ url: `https://x.example/${'a'.repeat(1_000_000)}`, eventTypes: ['invoice.paid'] })).data
        .fieldErrors,
    ).toHaveProperty('url');
    expect(
      (await bad(JSON.parse(`{"url":"${receiver.url}","eventTypes":["invoice.paid"],"__proto__":{"x":1}}`)))
        .message,
    ).toBeTruthy();
    expect(
      (await bad({ url: 'javascript:alert(1)', eventTypes: ['invoice.paid'] })).data.fieldErrors,
    ).toHaveProperty('url');
  });
});

describe('the SSRF guard', () => {
  it('refuses plain http and private addresses outside the sandbox, naming the url', async () => {
    for (const url of [
      receiver.url,
      'http://hooks.example.com/in',
      'https://127.0.0.1/in',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::1]/in',
      'https://10.0.0.5/in',
      'https://localhost/in',
    ]) {
      const refused = await expectDomainError(
        () => ownerLive().create({ url, eventTypes: ['invoice.paid'] }),
        'INVALID_INPUT',
      );
      expect(refused.data.fieldErrors, url).toHaveProperty('url');
    }
    await expect(
      ownerLive().create({ url: 'https://hooks.example.com/tollgate', eventTypes: ['invoice.paid'] }),
    ).resolves.toMatchObject({ endpoint: { status: 'enabled' } });
  });

  it('checks the resolved address at delivery: a name that points at loopback is not called', async () => {
    const { endpoint } = await owner().create({ url: receiver.url, eventTypes: ['subscription.created'] });
    const port = new URL(receiver.url).port;
    // As if a public name had been pointed at 127.0.0.1 after the endpoint was saved.
    await world.database.db
      .updateTable('webhook_endpoints')
      .set({ url: `https://localhost:${port}/hooks` })
      .where('id', '=', endpoint.id)
      .execute();
    await subscribeSomeone('Hal Rebound');
    const deps = deliveryDeps(world, recordingNotices(), { gateways: live().gateways });
    const { deliverNext } = await import('./delivery');
    expect(await deliverNext(deps)).toBe(true);
    // A literal loopback address is refused the same way, before any connection.
    await world.database.db
      .updateTable('webhook_endpoints')
      .set({ url: receiver.url })
      .where('id', '=', endpoint.id)
      .execute();
    await world.database.db.updateTable('webhook_deliveries').set({ next_attempt_at: 0 }).execute();
    expect(await deliverNext(deps)).toBe(true);
    expect(receiver.requests).toHaveLength(0);
    const [delivery] = (await owner().deliveries({ endpointId: endpoint.id })).items;
    const log = (await owner().delivery({ id: delivery?.id ?? '' })).attemptLog;
    expect(log.map((a) => a.error)).toEqual([
      expect.stringMatching(
        /localhost resolves to (127\.0\.0\.1|::1), a private, loopback or link-local address/,
      ),
      '127.0.0.1 is a private, loopback or link-local address',
    ]);
    // In the sandbox the same loopback receiver is fine.
    await world.database.db.updateTable('webhook_deliveries').set({ next_attempt_at: 0 }).execute();
    await deliverNext(deliveryDeps(world, recordingNotices()));
    expect(receiver.requests).toHaveLength(1);
  });

  it('refuses to enable an endpoint whose URL only the sandbox allows, once outside it', async () => {
    const { endpoint } = await owner().create({ url: receiver.url, eventTypes: ['invoice.paid'] });
    await owner().setEnabled({ id: endpoint.id, enabled: false });
    const refused = await expectDomainError(
      () => ownerLive().setEnabled({ id: endpoint.id, enabled: true }),
      'INVALID_INPUT',
    );
    expect(refused.message).toMatch(/https:\/\//);
  });
});

describe('isolation and permissions', () => {
  it('keeps tenant B from seeing, changing or replaying tenant A’s endpoints and deliveries', async () => {
    const { endpoint } = await owner().create({ url: receiver.url, eventTypes: ['subscription.created'] });
    await subscribeSomeone('Ida Isolated');
    await deliverUntilSettled(world, deliveryDeps(world, recordingNotices()));
    const [delivery] = (await owner().deliveries({ endpointId: endpoint.id })).items;
    const deliveryId = delivery?.id ?? '';
    const inB = owner(world.tenants.B.id);
    expect(await inB.endpoints()).toEqual([]);
    await expectDomainError(() => inB.deliveries({ endpointId: endpoint.id }), 'NOT_FOUND');
    await expectDomainError(() => inB.delivery({ id: deliveryId }), 'NOT_FOUND');
    await expectDomainError(() => inB.replay({ id: deliveryId }), 'NOT_FOUND');
    await expectDomainError(() => inB.setEnabled({ id: endpoint.id, enabled: false }), 'NOT_FOUND');
    await expectDomainError(() => inB.rotateSecret({ id: endpoint.id }), 'NOT_FOUND');
    expect((await owner().endpoints())[0]).toMatchObject({ status: 'enabled' });
    expect(receiver.requests).toHaveLength(1);
  });

  it('refuses every procedure to a role without settings.write', async () => {
    const { endpoint } = await owner().create({ url: receiver.url, eventTypes: ['subscription.created'] });
    const personas: Persona[] = [
      'adminA',
      'billingA',
      'viewerA',
      'adminB',
      'platformSupport',
      'platformAnalyst',
    ];
    for (const persona of personas) {
      const as = webhooksAs(world, persona, world.tenants.A.id);
      await expectDomainError(() => as.endpoints(), 'FORBIDDEN');
      await expectDomainError(
        () => as.create({ url: receiver.url, eventTypes: ['invoice.paid'] }),
        'FORBIDDEN',
      );
      await expectDomainError(() => as.setEnabled({ id: endpoint.id, enabled: false }), 'FORBIDDEN');
      await expectDomainError(() => as.rotateSecret({ id: endpoint.id }), 'FORBIDDEN');
      await expectDomainError(() => as.deliveries({ endpointId: endpoint.id }), 'FORBIDDEN');
    }
  });
});
