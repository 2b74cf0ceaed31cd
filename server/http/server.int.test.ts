import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_MESSAGE } from '../api/errors';
import type { AppRouter } from '../api/router';
import { createEmbeddedBackend, type EmbeddedBackend } from '../embedded/backend';
import { silentLogger } from '../lib/logger';
import { close, createHttpServer, listen } from './server';

let dir: string;
let backend: EmbeddedBackend;
let url: string;
let server: ReturnType<typeof createHttpServer>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-http-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Tollgate</title>');
  backend = await createEmbeddedBackend({ dataDir: join(dir, 'data'), logger: silentLogger });
  server = createHttpServer({
    router: backend.router,
    createContext: (req) =>
      backend.contextFromHeaders((name) => req.headers[name] as string | undefined, 'web'),
    logger: silentLogger,
    staticDir,
  });
  ({ url } = await listen(server, 0));
});
afterAll(async () => {
  await close(server);
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = () =>
  createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${url}/trpc`, headers: { 'x-tollgate-client': 'web:http-test' } })],
  });

/** A raw request, so tests can send headers fetch would not let them (Host). */
function raw(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the HTTP server', () => {
  it('answers /healthz', async () => {
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers tRPC queries and mutations, batched', async () => {
    const trpc = client();
    const [page, session] = await Promise.all([
      trpc.customers.list.query({ limit: 5 }),
      trpc.workspace.session.query(),
    ]);
    expect(page.items).toHaveLength(5);
    expect(page.total).toBeGreaterThan(250);
    expect(session.tenant.name).toBe('Lumen Academy (demo)');
    const created = await trpc.customers.create.mutate({
      name: 'Http Test',
      email: 'http@test.example',
      country: 'NL',
    });
    expect(await trpc.customers.get.query({ id: created.id })).toEqual(created);
    const { items } = await trpc.timeline.customer.query({ customerId: created.id });
    expect(items).toMatchObject([{ kind: 'customer.created' }]);
  });

  it('sends field errors with a 400 and nothing internal', async () => {
    const error = await client()
      .customers.create.mutate({ name: '', email: 'x', country: 'US' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    const data = (error as TRPCClientError<AppRouter>).data as Record<string, unknown>;
    expect(data).toMatchObject({ httpStatus: 400, domainCode: 'INVALID_INPUT' });
    expect(Object.keys(data.fieldErrors as object).sort()).toEqual(['email', 'name']);
    expect(JSON.stringify(data)).not.toMatch(/stack|at .*\.ts/);
  });

  it('masks unexpected failures as an internal error without internals', async () => {
    backend.database.sqlite.exec('ALTER TABLE audit_log RENAME TO audit_log_gone');
    try {
      const error = (await client()
        .customers.create.mutate({ name: 'Doomed', email: 'doomed@test.example', country: 'US' })
        .catch((e: unknown) => e)) as TRPCClientError<AppRouter>;
      expect(error.message).toBe(INTERNAL_MESSAGE);
      expect(error.data).toMatchObject({ httpStatus: 500, domainCode: 'INTERNAL' });
      expect(JSON.stringify(error.data)).not.toContain('audit_log');
      // The transaction rolled back: no customer without its audit entry.
      const page = await client().customers.list.query({ search: 'doomed' });
      expect(page.total).toBe(0);
    } finally {
      backend.database.sqlite.exec('ALTER TABLE audit_log_gone RENAME TO audit_log');
    }
  });

  it('refuses tRPC calls without the console header, and any non-loopback Host', async () => {
    const noHeader = await raw('/trpc/customers.list');
    expect(noHeader.status).toBe(403);
    const rebinding = await raw('/healthz', { host: 'evil.example:80' });
    expect(rebinding.status).toBe(421);
  });

  it('serves the console with its security headers and never a file outside it', async () => {
    const page = await raw('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Tollgate</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    const traversal = await raw('/..%2F..%2Fdata%2Ftollgate.sqlite');
    expect(traversal.body).toContain('<title>Tollgate</title>');
    const deep = await raw('/%2e%2e/%2e%2e/package.json');
    expect(deep.body).not.toContain('"name"');
  });
});
