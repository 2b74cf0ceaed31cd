import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpcFetch } from '../../renderer/lib/ipc-fetch';
import type { AppRouter } from '../../server/app/router';
import { createEmbeddedBackend, type EmbeddedBackend } from '../../server/embedded/backend';
import { silentLogger } from '../../server/lib/logger';
import { IPC_ORIGIN, TRPC_IPC_CHANNEL, type IpcHttpRequest } from '../../shared/ipc';
import { createDesktopBridge, type IpcInvoker } from '../preload/bridge';
import { appLocation } from './app-location';
import { registerTrpcIpc, type IpcInvokeEventLike, type IpcMainLike } from './ipc-bridge';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/**
 * ipcMain and ipcRenderer in memory. Like Electron, every argument and result is
 * structured-cloned on the way, so anything that would not survive real IPC fails here.
 */
function fakeIpc() {
  const handlers = new Map<string, Listener>();
  const sent: IpcHttpRequest[] = [];
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  const rendererAt = (pageUrl: string): IpcInvoker => ({
    invoke: async (channel, ...args) => {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      if (channel === TRPC_IPC_CHANNEL) sent.push(args[0] as IpcHttpRequest);
      const result = await handler(
        { senderFrame: { url: pageUrl } },
        ...args.map((arg) => structuredClone(arg)),
      );
      return structuredClone(result);
    },
  });
  return { ipcMain, rendererAt, sent, handlers };
}

const location = appLocation({ rendererDir: '/opt/Tollgate/out/renderer' });
const CONSOLE_PAGE = `${location.url}#/customers`;

let dir: string;
let backend: EmbeddedBackend;
let ipc: ReturnType<typeof fakeIpc>;
let unregister: () => void;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-ipc-'));
  backend = await createEmbeddedBackend({ dataDir: dir, logger: silentLogger, demo: true });
  ipc = fakeIpc();
  unregister = registerTrpcIpc(ipc.ipcMain, backend, location.isAppUrl);
});

afterAll(async () => {
  unregister?.();
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

function clientAt(pageUrl: string, url = `${IPC_ORIGIN}/trpc`) {
  const bridge = createDesktopBridge(ipc.rendererAt(pageUrl), 'linux');
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({ url, fetch: createIpcFetch(bridge), headers: { 'x-tollgate-client': 'desktop:test' } }),
    ],
  });
}

const client = () => clientAt(CONSOLE_PAGE);

async function rejection(promise: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return error as TRPCClientError<AppRouter>;
}

describe('tRPC over IPC', () => {
  it('lists the demo customers', async () => {
    const page = await client().customers.list.query({ limit: 25 });
    expect(page.items).toHaveLength(25);
    expect(page.total).toBeGreaterThan(200);
    for (const customer of page.items) expect(customer.id).toMatch(/^cus_/);
  });

  it('creates a customer, reads it back, and records who did it in the audit trail', async () => {
    const created = await client().customers.create.mutate({
      name: 'Ada Lovelace',
      email: 'Ada@Example.com',
      country: 'gb',
    });
    expect(created).toMatchObject({ email: 'ada@example.com', country: 'GB', status: 'active', version: 1 });

    await expect(client().customers.get.query({ id: created.id })).resolves.toEqual(created);
    const trail = await client().audit.list.query({
      entityType: 'customer',
      entityId: created.id,
      limit: 10,
    });
    expect(trail.items).toEqual([
      expect.objectContaining({ action: 'customer.created', client: 'desktop:test' }),
    ]);
  });

  it('batches calls made together into one IPC round trip, each with its own result', async () => {
    const trpc = client();
    const [first] = (await trpc.customers.list.query({ limit: 1 })).items;
    const before = ipc.sent.length;

    const [list, found, missing] = await Promise.allSettled([
      trpc.customers.list.query({ limit: 3 }),
      trpc.customers.get.query({ id: first?.id ?? '' }),
      trpc.customers.get.query({ id: 'cus_00000000000000000000000000' }),
    ]);

    expect(ipc.sent.length - before).toBe(1);
    expect(ipc.sent.at(-1)?.url).toContain('/trpc/customers.list,customers.get,customers.get?batch=1');
    expect(list).toMatchObject({ status: 'fulfilled', value: { items: expect.any(Array) as unknown } });
    expect(found).toMatchObject({ status: 'fulfilled', value: { id: first?.id } });
    expect(missing).toMatchObject({ status: 'rejected', reason: { data: { domainCode: 'NOT_FOUND' } } });
  });

  it('carries validation errors with the fields that failed', async () => {
    const error = await rejection(
      client().customers.create.mutate({ name: '', email: 'not-an-email', country: 'GB' }),
    );
    expect(error.data?.domainCode).toBe('INVALID_INPUT');
    expect(error.data?.httpStatus).toBe(400);
    expect(error.data?.fieldErrors).toMatchObject({
      name: [expect.any(String)],
      email: [expect.stringContaining('valid address')],
    });
  });

  it('carries NOT_FOUND for an unknown customer', async () => {
    const error = await rejection(client().customers.get.query({ id: 'cus_00000000000000000000000000' }));
    expect(error.data?.code).toBe('NOT_FOUND');
    expect(error.data?.domainCode).toBe('NOT_FOUND');
    expect(error.message).toMatch(/customer/i);
  });
});

describe('what the IPC bridge refuses', () => {
  const goodRequest: IpcHttpRequest = {
    url: `${IPC_ORIGIN}/trpc/customers.list?input=%7B%7D`,
    method: 'GET',
    headers: { 'x-tollgate-client': 'desktop:test' },
    body: null,
  };
  const send = (payload: unknown, pageUrl = CONSOLE_PAGE) =>
    ipc.rendererAt(pageUrl).invoke(TRPC_IPC_CHANNEL, payload);

  it('answers a well-formed request from the console (the baseline for the refusals below)', async () => {
    await expect(send(goodRequest)).resolves.toMatchObject({ status: 200 });
  });

  it.each(['https://evil.example/', 'file:///home/someone/Downloads/page.html', 'about:blank'])(
    'refuses a page that is not the console: %s',
    async (pageUrl) => {
      await expect(send(goodRequest, pageUrl)).resolves.toMatchObject({ status: 403 });
      const error = await rejection(clientAt(pageUrl).customers.list.query({}));
      expect(error.message).not.toMatch(/cus_/);
    },
  );

  it('refuses a frame that has gone away', async () => {
    const handler = ipc.handlers.get(TRPC_IPC_CHANNEL);
    await expect(handler?.({ senderFrame: null }, goodRequest)).resolves.toMatchObject({ status: 403 });
  });

  it.each([
    ['another origin', { ...goodRequest, url: 'https://example.com/trpc/customers.list' }],
    ['another path on the backend', { ...goodRequest, url: `${IPC_ORIGIN}/admin/customers.list` }],
    ['a path that climbs out of /trpc/', { ...goodRequest, url: `${IPC_ORIGIN}/trpc/../admin` }],
    ['credentials in the URL', { ...goodRequest, url: 'tollgate://a:b@backend/trpc/customers.list' }],
    ['a method tRPC does not use', { ...goodRequest, method: 'DELETE' }],
    ['a header that is not text', { ...goodRequest, headers: { 'x-tollgate-client': 42 } }],
    ['a header fetch rejects', { ...goodRequest, headers: { 'bad header': 'x' } }],
    ['an extra field', { ...goodRequest, extra: true }],
    ['a GET with a body', { ...goodRequest, body: '{}' }],
    ['a body over 1 MB', { ...goodRequest, method: 'POST', body: 'x'.repeat(1_000_001) }],
    ['something that is not a request at all', 'GET /trpc/customers.list'],
  ])('refuses %s with a 400', async (_, payload) => {
    const answer = (await send(payload)) as { status: number; body: string };
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ error: expect.any(String) as unknown });
  });

  it('never lets the renderer fetch a URL outside the backend, even with a misconfigured link', async () => {
    const before = ipc.sent.length;
    const error = await rejection(
      clientAt(CONSOLE_PAGE, 'https://example.com/trpc').customers.list.query({}),
    );
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(ipc.sent.length).toBe(before);
  });

  it('stops answering once unregistered', async () => {
    const other = fakeIpc();
    const stop = registerTrpcIpc(other.ipcMain, backend, location.isAppUrl);
    stop();
    await expect(other.rendererAt(CONSOLE_PAGE).invoke(TRPC_IPC_CHANNEL, goodRequest)).rejects.toThrow(
      /No handler registered/,
    );
  });
});
