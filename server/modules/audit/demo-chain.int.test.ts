import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEmbeddedBackend, type EmbeddedBackend } from '../../embedded/backend';
import { silentLogger } from '../../lib/logger';
import { verifyAuditChain } from './verify';

let dir: string;
let backend: EmbeddedBackend;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-chain-'));
  backend = await createEmbeddedBackend({ dataDir: dir, logger: silentLogger, gatewayConfig: {} });
});
afterAll(async () => {
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('chains every entry of the demo workspace, bulk-loaded ones included', async () => {
  const tenants = backend.database.sqlite.prepare('SELECT id FROM tenants').all() as { id: string }[];
  const total = (
    backend.database.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }
  ).n;
  let checked = 0;
  for (const chain of [null, ...tenants.map((t) => t.id)]) {
    const report = await verifyAuditChain(backend.services.db, chain);
    expect(report.problems).toEqual([]);
    checked += report.checked;
  }
  expect(checked).toBe(total);
  expect(total).toBeGreaterThan(1000);
});
