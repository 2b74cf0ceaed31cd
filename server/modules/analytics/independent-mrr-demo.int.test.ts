import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedBackend, type EmbeddedBackend } from '../../embedded/backend';
import { silentLogger } from '../../lib/logger';
import { disagreements, historyAstray, monthsFrom, movementMonthEndMrr } from './independent-mrr.test-kit';

/**
 * The issue's independent test on the demo workspace (a year made by the billing engine,
 * server/demo): MRR at each month end from the subscriptions' own history equals Σ
 * mrr_movements. The demo lives on a desktop's SQLite only, so this file runs there.
 */

let dir: string;
let backend: EmbeddedBackend;
let tenantId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-independent-mrr-'));
  backend = await createEmbeddedBackend({ dataDir: dir, logger: silentLogger, gatewayConfig: {} });
  tenantId = (await backend.database.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo workspace’s MRR', () => {
  it('is read from a history that missed no change', async () => {
    expect(await historyAstray(backend.database.db, tenantId)).toEqual([]);
  });

  it('agrees at every month end with the movements, for every customer and currency', async () => {
    const span = await backend.database.db
      .selectFrom('audit_log')
      .select((eb) => [eb.fn.min('at').as('first'), eb.fn.max('at').as('last')])
      .where('tenant_id', '=', tenantId)
      .where('entity_type', '=', 'subscription')
      .executeTakeFirstOrThrow();
    const months = monthsFrom(Number(span.first), Number(span.last));
    expect(months.length).toBeGreaterThanOrEqual(12);
    expect(await disagreements(backend.database.db, tenantId, months)).toEqual([]);
    const compared = await movementMonthEndMrr(backend.database.db, tenantId, months);
    expect(new Set(compared.map((r) => r.customerId)).size).toBeGreaterThan(50);
  });
});
