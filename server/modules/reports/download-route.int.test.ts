import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import type { Persona } from '../../testing/world.test-kit';
import { createContext } from '../../trpc/context';
import { EXPORT_DOWNLOAD_PATH, exportDownloadRoute } from './download-route';
import { createExportWorld, type ExportWorld } from './exports.test-kit';
import { insertExport } from './repo';

/** Web mode's download: the file to its maker, with its name; nobody else learns it exists. */

let world: ExportWorld;
let server: Server;
let base: string;

beforeAll(async () => {
  world = await createExportWorld();
  // The request names who it is (as the backend's own context would) and the workspace it asks for.
  const route = exportDownloadRoute((req) =>
    createContext({
      services: world.services,
      principal: world.principals[req.headers['x-test-persona'] as Persona],
      requestedTenantId: (req.headers['x-tollgate-tenant'] as string | undefined) ?? null,
      client: { kind: 'web', id: 'browser' },
    }),
  );
  server = createServer((req, res) => void route(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${EXPORT_DOWNLOAD_PATH}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await world.close();
});

const download = (id: string, persona: Persona, tenantId: string) =>
  fetch(`${base}?id=${id}`, { headers: { 'x-test-persona': persona, 'x-tollgate-tenant': tenantId } });

describe(EXPORT_DOWNLOAD_PATH, () => {
  it('sends a finished export’s file to its maker, named for saving', async () => {
    const done = await world.exportAs('billingA', { source: 'invoices', view: {}, format: 'xlsx' });
    const response = await download(done.id, 'billingA', world.tenants.A.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${done.fileName}"`);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(await readFile(world.fileOf(done)));
  });

  it('is not found for anyone else in the workspace, and refused in another one', async () => {
    const done = await world.exportAs('billingA', { source: 'invoices', view: {}, format: 'csv' });
    expect((await download(done.id, 'adminA', world.tenants.A.id)).status).toBe(404);
    expect((await download(done.id, 'adminB', world.tenants.B.id)).status).toBe(404);
    expect((await download(done.id, 'billingA', world.tenants.B.id)).status).toBe(403);
  });

  it('refuses a malformed id and an export that is not done', async () => {
    expect((await download('../../etc/passwd', 'billingA', world.tenants.A.id)).status).toBe(400);
    // Queued and never run (no runner is given it): its file does not exist yet.
    const id = newId('exp');
    await insertExport(
      world.runner.db,
      { tenantId: world.tenants.A.id, userId: world.principals.billingA.userId },
      {
        id,
        source: 'invoices',
        format: 'csv',
        view: {},
        options: { bom: false },
        filters: 'None',
        rowsTotal: null,
        fileName: 'invoices.csv',
        filePath: join(world.directory, `${id}.csv`),
        now: world.clock.now(),
      },
    );
    const response = await download(id, 'billingA', world.tenants.A.id);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: 'This export is queued, not ready to download' });
  });
});
