import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import { PDF_MAX_ROWS } from '../../../shared/exports/schema';
import { READY_BUDGET_MS } from '../../../tests/support/budgets';
import { silentLogger } from '../../lib/logger';
import { expectDomainError } from '../../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';
import { nameSortKey } from '../customers';
import { ExportRunner } from './runner';

/** A PDF of more than 50,000 rows is refused with a pointer to CSV and XLSX, before or while counting. */

const ROWS = PDF_MAX_ROWS + 1;
const BATCH = 1000;
let world: TestWorld;
let runner: ExportRunner;
let directory: string;

async function insertInBatches(insert: (from: number, to: number) => Promise<unknown>) {
  for (let from = 0; from < ROWS; from += BATCH) await insert(from, Math.min(ROWS, from + BATCH));
}

beforeAll(async () => {
  world = await createTestWorld();
  directory = await mkdtemp(join(tmpdir(), 'tollgate-pdf-limit-'));
  runner = new ExportRunner(world.database.db, directory, silentLogger);
  world.services.exports = runner;
  const tenantId = world.tenants.A.id;
  const now = world.clock.now();
  await insertInBatches((from, to) =>
    world.database.db
      .insertInto('customers')
      .values(
        Array.from({ length: to - from }, (_, i) => ({
          id: newId('cus'),
          tenant_id: tenantId,
          name: `Customer ${from + i}`,
          sort_name: nameSortKey(`Customer ${from + i}`),
          email: `c${from + i}@example.com`,
          country: 'US',
          company: null,
          notes: null,
          status: 'active' as const,
          version: 1,
          created_at: now,
          updated_at: now,
          archived_at: null,
        })),
      )
      .execute(),
  );
  await insertInBatches((from, to) =>
    world.database.db
      .insertInto('stripe_events')
      .values(
        Array.from({ length: to - from }, (_, i) => ({
          tenant_id: tenantId,
          event_id: `evt_${String(from + i).padStart(8, '0')}`,
          type: 'customer.updated',
          object_id: null,
          created: 1_700_000_000,
          livemode: 0 as const,
          payload: '{}',
          source: 'webhook' as const,
          next_attempt_at: 0,
          last_error: null,
          received_at: now + from + i,
          processed_at: null,
        })),
      )
      .execute(),
  );
}, READY_BUDGET_MS);
afterAll(async () => {
  await runner.idle();
  await rm(directory, { recursive: true, force: true });
  await world.close();
});

describe('a PDF of more than 50,000 rows', () => {
  it('is refused before it starts when the list counts its rows (customers)', async () => {
    const seen = await expectDomainError(
      () =>
        world.as('adminA').exports.start({ source: 'customers', view: { status: 'active' }, format: 'pdf' }),
      'INVALID_INPUT',
    );
    expect(seen.message).toMatch(/more than 50,000 rows.*CSV or XLSX/);
    expect(await world.as('adminA').exports.list()).toEqual([]);
  });

  it('fails once counted when the list only caps its count (Stripe events), leaving no file', async () => {
    const started = await world
      .as('adminA')
      .exports.start({ source: 'stripeEvents', view: {}, format: 'pdf' });
    await runner.settled(started.id);
    const ended = await world.as('adminA').exports.get({ id: started.id });
    expect(ended.status).toBe('failed');
    expect(ended.error).toMatch(/more than 50,000 rows.*CSV or XLSX/);
    expect(await readdir(directory)).toEqual([]);
  });

  it('is fine as CSV: every row', async () => {
    const started = await world
      .as('adminA')
      .exports.start({ source: 'stripeEvents', view: {}, format: 'csv' });
    await runner.settled(started.id);
    const ended = await world.as('adminA').exports.get({ id: started.id });
    expect(ended).toMatchObject({ status: 'done', rowsDone: ROWS });
    expect(existsSync(join(directory, `${started.id}.csv`))).toBe(true);
  });
});
