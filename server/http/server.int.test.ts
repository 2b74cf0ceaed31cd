import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../app/router';
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
  // Building the demo backend is the readiness signal; a loaded 2-core machine takes far over 10 s.
}, 120_000);
afterAll(async () => {
  if (server) await close(server);
  await backend?.close();
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
      trpc.tenants.session.query(),
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
      // Only the request's reference (see request-id.int.test.ts), nothing of the error.
      expect(error.message).toMatch(
        /^Something went wrong on our side\. The error was logged with reference [0-9a-f-]{36}\.$/,
      );
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

  it('refuses a batch of more than 10 calls, or an overlong address, before any call runs', async () => {
    const before = (await client().customers.list.query({ limit: 1 })).total;
    const create = (i: number) => ({ name: `Batch ${i}`, email: `batch${i}@test.example`, country: 'NL' });
    const send = (size: number, separator = ',') =>
      fetch(`${url}/trpc/${Array.from({ length: size }, () => 'customers.create').join(separator)}?batch=1`, {
        method: 'POST',
        headers: { 'x-tollgate-client': 'web:http-test', 'content-type': 'application/json' },
        body: JSON.stringify(Object.fromEntries(Array.from({ length: size }, (_, i) => [i, create(i)]))),
      });
    for (const tooMany of [await send(11), await send(40, '%2C')]) {
      expect(tooMany.status).toBe(413);
      const body = (await tooMany.json()) as { error: { message: string; data: { httpStatus: number } } };
      expect(body.error.message).toMatch(/^A batch may hold at most 10 calls; this one holds (11|40)$/);
      expect(body.error.data.httpStatus).toBe(413);
    }
    expect((await client().customers.list.query({ limit: 1 })).total).toBe(before);
    // A tRPC client reads the refusal as every call's error, with the message.
    const links = [
      httpBatchLink({ url: `${url}/trpc`, headers: { 'x-tollgate-client': 'web:http-test' }, maxItems: 20 }),
    ];
    const unbounded = createTRPCClient<AppRouter>({ links });
    const calls = Array.from({ length: 11 }, () => unbounded.backend.mode.query().catch((e: unknown) => e));
    const errors = await Promise.all(calls);
    expect((errors[0] as Error).message).toMatch(/at most 10 calls/);

    const long = await raw(
      `/trpc/customers.list?input=${encodeURIComponent(JSON.stringify({ search: 'x'.repeat(9000) }))}`,
      {
        'x-tollgate-client': 'web:http-test',
      },
    );
    expect(long.status).toBe(414);
    expect(long.body).toContain('longer than 8192 characters');
    expect((await send(10)).status).toBe(200);
  });

  it('marks every API answer uncacheable (they carry tokens and tenant data), and nothing else', async () => {
    const api = await raw('/trpc/backend.mode', { 'x-tollgate-client': 'web:http-test' });
    expect(api.status).toBe(200);
    expect(api.headers['cache-control']).toBe('no-store');
    const failed = await raw('/trpc/customers.get?input=%7B%22id%22%3A%22nope%22%7D', {
      'x-tollgate-client': 'web:http-test',
    });
    expect(failed.headers['cache-control']).toBe('no-store');
    expect((await raw('/')).headers['cache-control']).not.toBe('no-store');
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
