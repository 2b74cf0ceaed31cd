import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSealed, newSecretKey, SecretBoxError, sealedKeyId, secretKeysFromEnv } from '../lib/secret-box';
import { openStripeSecret } from '../modules/stripe-events/sealed-secret';
import { liveSecrets, openWebhookSecret } from '../modules/webhooks/secrets';
import { webhooksAs } from '../modules/webhooks/webhooks.test-kit';
import { createTestWorld, type TestWorld } from '../testing/world.test-kit';
import { newWebhookSecret } from '../../tests/fakes/stripe/webhooks';
import { sealStoredSecrets } from './seal-secrets';

/**
 * Signing secrets at rest (issue 13), on either database: what the tables hold is sealed,
 * values from before sealing are sealed at start, a new key reseals them, and a key that
 * opens nothing stops the start naming the table and the key.
 */

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await world.close();
});

/** The process's keys (tests/support/secrets-key-setup.ts), as a backend started here gets them. */
const processKeys = () => secretKeysFromEnv(process.env);

async function storedValues(): Promise<string[]> {
  const db = world.database.db;
  const stripe = await db.selectFrom('stripe_webhook_endpoints').select('secret').execute();
  const outgoing = await db.selectFrom('webhook_secrets').select('secret').execute();
  return [...stripe, ...outgoing].map((row) => row.secret);
}

/** A Stripe secret and an outgoing endpoint rolled once (two secrets): the plain values. */
async function someSecrets() {
  const stripe = newWebhookSecret();
  await world.as('owner').stripeEvents.setSecret({ secret: stripe });
  const owner = webhooksAs(world, 'owner');
  const created = await owner.create({ url: 'https://hooks.example.com/t', eventTypes: ['invoice.paid'] });
  const rolled = await owner.rotateSecret({ id: created.endpoint.id, oldSecretExpires: '24h' });
  return { stripe, endpointId: created.endpoint.id, outgoing: [rolled.secret, created.secret] };
}

describe('signing secrets at rest', () => {
  it('stores every signing secret sealed: no row holds one in clear', async () => {
    const plain = await someSecrets();
    const stored = await storedValues();
    expect(stored).toHaveLength(3);
    for (const value of stored) {
      expect(isSealed(value)).toBe(true);
      for (const secret of [plain.stripe, ...plain.outgoing]) expect(value).not.toContain(secret.slice(6));
    }
    const live = await liveSecrets(world.database.db, plain.endpointId, world.clock.now());
    expect(live.map((s) => s.secret)).toEqual(plain.outgoing);
  });

  it('seals values stored in clear at start, once, and they still sign', async () => {
    const plain = await someSecrets();
    const db = world.database.db;
    // As a database from before sealing holds them.
    await db.updateTable('stripe_webhook_endpoints').set({ secret: plain.stripe }).execute();
    for (const row of await db.selectFrom('webhook_secrets').select(['id', 'secret']).execute()) {
      await db
        .updateTable('webhook_secrets')
        .set({ secret: openWebhookSecret(row) })
        .where('id', '=', row.id)
        .execute();
    }
    expect(await sealStoredSecrets(db, processKeys())).toEqual({
      licenses: { sealed: 0, resealed: 0 },
      license_signing_keys: { sealed: 0, resealed: 0 },
      stripe_webhook_endpoints: { sealed: 1, resealed: 0 },
      webhook_secrets: { sealed: 2, resealed: 0 },
    });
    for (const value of await storedValues()) expect(isSealed(value)).toBe(true);
    expect(await sealStoredSecrets(db, processKeys())).toEqual({
      licenses: { sealed: 0, resealed: 0 },
      license_signing_keys: { sealed: 0, resealed: 0 },
      stripe_webhook_endpoints: { sealed: 0, resealed: 0 },
      webhook_secrets: { sealed: 0, resealed: 0 },
    });
    expect((await world.as('owner').stripeEvents.endpoint()).endsWith).toBe(plain.stripe.slice(-4));
    const live = await liveSecrets(db, plain.endpointId, world.clock.now());
    expect(live.map((s) => s.secret)).toEqual(plain.outgoing);
  });

  it('reseals under a new key with the old one as previous, and refuses to start with a key that opens nothing', async () => {
    await someSecrets();
    const db = world.database.db;
    const old = processKeys().current;
    const wrong = newSecretKey();
    const refused = sealStoredSecrets(db, { current: wrong, previous: [] });
    await expect(refused).rejects.toThrow(SecretBoxError);
    await expect(refused).rejects.toThrow(
      new RegExp(
        `^stripe_webhook_endpoints: a stored secret was sealed with key ${old.id}, which is neither TOLLGATE_SECRETS_KEY`,
      ),
    );
    // Refused before anything changed: every value is still under the old key.
    expect(new Set((await storedValues()).map(sealedKeyId))).toEqual(new Set([old.id]));

    const next = newSecretKey();
    expect(await sealStoredSecrets(db, { current: next, previous: [old] })).toEqual({
      licenses: { sealed: 0, resealed: 0 },
      license_signing_keys: { sealed: 0, resealed: 0 },
      stripe_webhook_endpoints: { sealed: 0, resealed: 1 },
      webhook_secrets: { sealed: 0, resealed: 2 },
    });
    expect(new Set((await storedValues()).map(sealedKeyId))).toEqual(new Set([next.id]));
    // The old key alone opens nothing any more: it can be dropped from the environment.
    await expect(sealStoredSecrets(db, { current: old, previous: [] })).rejects.toThrow(next.id);
    // Put back under the process's key, which the rest of this world reads with.
    await sealStoredSecrets(db, { current: old, previous: [next] });
    const tenantId = world.tenants.A.id;
    const row = await db.selectFrom('stripe_webhook_endpoints').select('secret').executeTakeFirstOrThrow();
    expect(openStripeSecret(tenantId, row.secret)).toMatch(/^whsec_/);
  });
});
