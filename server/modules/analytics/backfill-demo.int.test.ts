import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedBackend, type EmbeddedBackend } from '../../embedded/backend';
import { silentLogger } from '../../lib/logger';
import { backfillMrrHistory } from './backfill';

/**
 * The backfill on the demo workspace (a year made by the billing engine, server/demo): with its
 * MRR history forgotten, as before migration 0025, the backfill writes back the movements the
 * incremental path wrote, ids and causes aside. The demo lives on a desktop's SQLite only.
 */

let dir: string;
let backend: EmbeddedBackend;
let tenantId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-backfill-demo-'));
  backend = await createEmbeddedBackend({ dataDir: dir, logger: silentLogger, gatewayConfig: {} });
  tenantId = (await backend.database.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function comparableMovements() {
  const rows = await backend.database.db
    .selectFrom('mrr_movements')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .execute();
  return rows
    .map(({ id: _id, state_id: _state, cause_type: _type, cause_id: _cause, ...rest }) => rest)
    .sort(
      (a, b) =>
        a.effective_at - b.effective_at ||
        a.subscription_id.localeCompare(b.subscription_id) ||
        a.kind.localeCompare(b.kind) ||
        a.amount - b.amount,
    );
}

describe('the backfill on the demo workspace', () => {
  it('writes back the movements the incremental path wrote for its year', async () => {
    const db = backend.database.db;
    const written = await comparableMovements();
    expect(written.length).toBeGreaterThan(100);
    for (const table of ['mrr_states', 'mrr_movements', 'mrr_monthly', 'mrr_cohorts'] as const)
      await db.deleteFrom(table).where('tenant_id', '=', tenantId).execute();

    const outcome = await backfillMrrHistory(db, tenantId, backend.services.clock.now());
    expect(outcome.subscriptions).toBeGreaterThan(50);
    expect(await comparableMovements()).toEqual(written);
    expect(await backfillMrrHistory(db, tenantId, backend.services.clock.now())).toEqual({
      subscriptions: 0,
      states: 0,
      differences: 0,
    });
  });
});
