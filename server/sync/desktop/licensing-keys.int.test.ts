import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmbeddedBackend } from '../../embedded/backend';
import { ManualClock } from '../../lib/clock';
import { signingKeyFor } from '../../modules/licensing';
import {
  desktopCaller,
  seedTenant,
  startDesktop,
  startServer,
  type RestartableServer,
} from './desktop.test-kit';

/**
 * Signing keys stay on the server (their private halves sealed, never replicated), so a
 * connected desktop's Licenses settings would read an empty list from its replica: the list is
 * forwarded to the server, as a key reveal is, and comes back with the public halves only.
 */

const PASSWORD = 'correct horse battery staple';
let dir: string;
let server: RestartableServer;
let desktop: EmbeddedBackend | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-sync-keys-'));
  server = await startServer(dir, new ManualClock(Date.now()));
});

afterEach(async () => {
  await desktop?.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('licensingKeys.list on a connected desktop', () => {
  it('answers the server’s public keys, which the replica never holds', async () => {
    const clock = server.backend.services.clock;
    const { tenant, caller } = await seedTenant(server, {
      name: 'Acme',
      slug: 'acme',
      adminEmail: 'ada@acme.test',
      password: PASSWORD,
    });
    await signingKeyFor(server.backend.database.db, tenant.id, clock.now());
    const onServer = await (await caller()).licensingKeys.list();
    expect(onServer).toHaveLength(1);
    desktop = await startDesktop(join(dir, 'd1'), clock, {});
    await desktopCaller(desktop).connection.connect({
      serverUrl: server.url,
      email: 'ada@acme.test',
      password: PASSWORD,
    });
    await desktopCaller(desktop).connection.syncNow();

    const listed = await desktopCaller(desktop, tenant.id).licensingKeys.list();
    expect(listed).toEqual(onServer);
    expect(listed[0]?.status).toBe('active');
    expect(listed[0]?.x).toMatch(/^[\w-]{43}$/);
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual([
      'createdAt',
      'kid',
      'removedAt',
      'retiredAt',
      'status',
      'x',
    ]);
  });
});
