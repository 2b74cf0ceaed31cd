import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SIGNAL_BUDGET_MS } from '../../../tests/support/budgets';
import { newId } from '../../../shared/ids';
import { appRouter } from '../../app/router';
import { silentLogger } from '../../lib/logger';
import { expectDomainError } from '../../testing/errors.test-kit';
import { createCallerFactory } from '../../trpc/base';
import { createContext } from '../../trpc/context';
import { runExport } from './engine';
import { createExportWorld, csvRecords, type ExportWorld } from './exports.test-kit';
import { exportStatus, insertExport } from './repo';
import { startExportRunner } from './runner';
import { EXPORT_SOURCE_DEFS } from './sources';

/** Cancel, restart, a connected desktop, and who may see an export. */

let world: ExportWorld;
beforeAll(async () => {
  world = await createExportWorld();
});
afterAll(async () => {
  await world.close();
});

const ownerA = () => ({ tenantId: world.tenants.A.id, userId: world.principals.billingA.userId });

async function queuedRow(format: 'csv' | 'pdf' = 'csv') {
  const id = newId('exp');
  const filePath = join(world.directory, `${id}.${format}`);
  await insertExport(world.runner.db, ownerA(), {
    id,
    source: 'invoices',
    format,
    view: {},
    options: { bom: false },
    filters: 'None',
    rowsTotal: null,
    fileName: `invoices.${format}`,
    filePath,
    now: world.clock.now(),
  });
  return { id, filePath };
}

describe('cancel', () => {
  it('stops an export mid-way at its next page and removes the partial file', async () => {
    const { id, filePath } = await queuedRow('pdf');
    const staff = world.as('billingA');
    const rows = (await world.listAll('billingA', 'invoices', {})).length;
    let partialSeen = false;
    const outcome = await runExport({
      id,
      db: world.runner.db,
      clock: world.clock,
      source: EXPORT_SOURCE_DEFS.invoices,
      format: 'pdf',
      options: { bom: false },
      heading: { workspace: 'A', title: 'Invoices', filters: 'None', generatedAt: 0 },
      rowsTotal: rows,
      filePath,
      pageSize: 1,
      readPage: async (cursor, limit) => {
        if (cursor !== null && !partialSeen) {
          // The first page is on its way to the file: wait for the file to be there, then cancel.
          await vi.waitFor(() => expect(existsSync(filePath)).toBe(true), { timeout: SIGNAL_BUDGET_MS });
          partialSeen = true;
          await staff.exports.cancel({ id });
        }
        return staff.invoices.list({ cursor, limit });
      },
    });
    expect(partialSeen).toBe(true);
    expect(outcome).toBe('canceled');
    expect(existsSync(filePath)).toBe(false);
    expect(await staff.exports.get({ id })).toMatchObject({ status: 'canceled', rowsDone: 1 });
  });

  it('leaves a finished export as it was; delete removes it and its file', async () => {
    const done = await world.exportAs('billingA', { source: 'payments', view: {}, format: 'csv' });
    const staff = world.as('billingA');
    expect(await staff.exports.cancel({ id: done.id })).toMatchObject({ status: 'done' });
    expect(existsSync(world.fileOf(done))).toBe(true);
    expect(await staff.exports.list()).toContainEqual(
      expect.objectContaining({ id: done.id, bytes: done.bytes }),
    );
    await staff.exports.delete({ id: done.id });
    expect(existsSync(world.fileOf(done))).toBe(false);
    expect((await staff.exports.list()).map((e) => e.id)).not.toContain(done.id);
  });
});

describe('a restart', () => {
  it('marks an export it interrupted failed and removes its partial file', async () => {
    const { id, filePath } = await queuedRow();
    await writeFile(filePath, 'Number\r\nINV-0');
    await startExportRunner({
      db: world.runner.db,
      directory: world.directory,
      now: 1,
      logger: silentLogger,
    });
    expect(await exportStatus(world.runner.db, id)).toBe('failed');
    expect(existsSync(filePath)).toBe(false);
    expect((await world.as('billingA').exports.get({ id })).error).toMatch(/Interrupted/);
  });
});

describe('on a connected desktop', () => {
  it('writes the export itself from its own database: nothing is forwarded to the server', async () => {
    const forwarded: string[] = [];
    const caller = createCallerFactory(appRouter)(
      createContext({
        services: {
          ...world.services,
          mode: 'offline',
          forwardCommand: (command) => {
            forwarded.push(command.path);
            return Promise.reject(new Error('offline'));
          },
        },
        principal: world.principals.billingA,
        requestedTenantId: world.tenants.A.id,
        client: { kind: 'desktop', id: 'd1' },
      }),
    );
    const started = await caller.exports.start({ source: 'invoices', view: {}, format: 'csv' });
    await world.runner.settled(started.id);
    const done = await caller.exports.get({ id: started.id });
    expect(done.status).toBe('done');
    expect(forwarded).toEqual([]);
    expect((await csvRecords(world.fileOf(done))).length).toBe(done.rowsDone + 1);
  });
});

describe('who sees an export', () => {
  it('is its maker only, in its workspace: others are told it does not exist', async () => {
    const mine = await world.exportAs('billingA', { source: 'invoices', view: {}, format: 'csv' });
    for (const [persona, tenant] of [
      ['adminA', world.tenants.A.id],
      ['adminB', world.tenants.B.id],
      ['owner', world.tenants.A.id],
    ] as const) {
      const other = world.as(persona, tenant).exports;
      await expectDomainError(() => other.get({ id: mine.id }), 'NOT_FOUND');
      await expectDomainError(() => other.cancel({ id: mine.id }), 'NOT_FOUND');
      await expectDomainError(() => other.delete({ id: mine.id }), 'NOT_FOUND');
      expect((await other.list()).map((e) => e.id)).not.toContain(mine.id);
    }
  });

  it('needs the list’s own permission: a viewer cannot export the audit log', async () => {
    await expectDomainError(
      () => world.as('viewerA').exports.start({ source: 'audit', view: {}, format: 'csv' }),
      'FORBIDDEN',
    );
  });
});

describe('bad input', () => {
  const start = (input: unknown) => world.as('adminA').exports.start(input as never);
  it.each([
    ['an unknown source', { source: 'secrets', view: {}, format: 'csv' }, 'source'],
    ['an unknown format', { source: 'invoices', view: {}, format: 'docx' }, 'format'],
    ['an unknown filter', { source: 'invoices', view: { colour: 'red' }, format: 'csv' }, 'colour'],
    ['a filter of the wrong kind', { source: 'invoices', view: { status: 'lost' }, format: 'csv' }, 'status'],
    ['a page key in the view', { source: 'invoices', view: { cursor: 'x' }, format: 'csv' }, 'cursor'],
    [
      'a 1 MB search',
      { source: 'customers', view: { search: 'x'.repeat(1_000_000) }, format: 'csv' },
      'search',
    ],
  ])('%s is refused, naming it', async (_, input, named) => {
    const seen = await expectDomainError(() => start(input), 'INVALID_INPUT');
    expect(JSON.stringify(seen)).toContain(named);
  });

  it('drops a __proto__ key, never applying it as a filter or to Object.prototype', async () => {
    const view = JSON.parse('{"__proto__": {"status": "paid"}}') as Record<string, unknown>;
    const started = await start({ source: 'invoices', view, format: 'csv' });
    await world.runner.settled(started.id);
    expect(started.filters).toBe('None (the whole list)');
    expect((await world.as('adminA').exports.get({ id: started.id })).rowsDone).toBe(
      (await world.listAll('adminA', 'invoices', {})).length,
    );
    expect(({} as Record<string, unknown>).status).toBeUndefined();
  });
});
