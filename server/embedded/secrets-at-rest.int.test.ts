import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallerFactory } from '../trpc/base';
import { appRouter } from '../app/router';
import { openDataDir } from '../backend/runtime';
import { silentLogger } from '../lib/logger';
import { newWebhookSecret } from '../../tests/fakes/stripe/webhooks';
import { createEmbeddedBackend } from './backend';

/**
 * Signing secrets at rest in a data folder (issue 13): whatever the console sets or is shown
 * once, and a value left in clear by an older version, is nowhere in the database's files.
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-secrets-at-rest-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Every byte of the data folder's database files (the database, its WAL and shared memory). */
function databaseBytes(dataDir: string): string {
  return readdirSync(dataDir)
    .filter((name) => name.startsWith('tollgate.sqlite'))
    .map((name) => readFileSync(join(dataDir, name)).toString('latin1'))
    .join('\n');
}

async function started(dataDir: string) {
  const backend = await createEmbeddedBackend({
    dataDir,
    demo: false,
    logger: silentLogger,
    gatewayConfig: {},
  });
  const caller = createCallerFactory(appRouter)(backend.contextFromHeaders(() => null, 'desktop'));
  return { backend, caller };
}

describe('signing secrets in the data folder', () => {
  it('writes no signing secret to the database files, set, created or rolled', async () => {
    const dataDir = join(dir, 'fresh');
    const { backend, caller } = await started(dataDir);
    const stripe = newWebhookSecret();
    await caller.stripeEvents.setSecret({ secret: stripe });
    const created = await caller.webhooks.create({
      url: 'https://hooks.example.com/t',
      eventTypes: ['invoice.paid'],
    });
    const rolled = await caller.webhooks.rotateSecret({ id: created.endpoint.id, oldSecretExpires: '24h' });
    expect((await caller.stripeEvents.endpoint()).endsWith).toBe(stripe.slice(-4));
    await backend.close();
    const bytes = databaseBytes(dataDir);
    expect(bytes).toContain(created.endpoint.id); // the files were read, and hold the rows
    for (const secret of [stripe, created.secret, rolled.secret])
      expect(bytes).not.toContain(secret.slice(6));
  });

  it('seals a value an older version stored in clear, leaving no copy of it in the files', async () => {
    const dataDir = join(dir, 'legacy');
    const first = await started(dataDir);
    const tenantId = (await first.caller.stripeEvents.endpoint()).path.split('/').at(-1) as string;
    await first.backend.close();
    const legacy = newWebhookSecret();
    const database = openDataDir(dataDir);
    database.sqlite
      .prepare('INSERT INTO stripe_webhook_endpoints (tenant_id, secret, updated_at) VALUES (?, ?, ?)')
      .run(tenantId, legacy, Date.now());
    await database.close();
    expect(databaseBytes(dataDir)).toContain(legacy.slice(6));

    const second = await started(dataDir);
    expect((await second.caller.stripeEvents.endpoint()).endsWith).toBe(legacy.slice(-4));
    await second.backend.close();
    expect(databaseBytes(dataDir)).not.toContain(legacy.slice(6));
  });
});
