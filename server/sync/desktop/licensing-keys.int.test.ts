import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signingKeyFor } from '../../modules/licensing';
import { desktopCaller, seedTenant, startDesktop, useServerInFolder } from './desktop.test-kit';

/**
 * Signing keys stay on the server (their private halves sealed, never replicated), so a
 * connected desktop's Licenses settings would read an empty list from its replica: the list is
 * forwarded to the server, as a key reveal is, and comes back with the public halves only.
 */

const PASSWORD = 'correct horse battery staple';
const at = useServerInFolder('tollgate-sync-keys-');

describe('licensingKeys.list on a connected desktop', () => {
  it('answers the server’s public keys, which the replica never holds', async () => {
    const clock = at.server.backend.services.clock;
    const { tenant, caller } = await seedTenant(at.server, {
      name: 'Acme',
      slug: 'acme',
      adminEmail: 'ada@acme.test',
      password: PASSWORD,
    });
    await signingKeyFor(at.server.backend.database.db, tenant.id, clock.now());
    const onServer = await (await caller()).licensingKeys.list();
    expect(onServer).toHaveLength(1);
    at.desktop = await startDesktop(join(at.dir, 'd1'), clock, {});
    await desktopCaller(at.desktop).connection.connect({
      serverUrl: at.server.url,
      email: 'ada@acme.test',
      password: PASSWORD,
    });
    await desktopCaller(at.desktop).connection.syncNow();

    const listed = await desktopCaller(at.desktop, tenant.id).licensingKeys.list();
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
