import { describe, expect, it } from 'vitest';
import type { DesktopBridge, IpcHttpRequest, IpcHttpResponse } from '../../shared/ipc';
import { createIpcFetch } from './ipc-fetch';

const URL_BASE = 'tollgate://backend/trpc';

/** A bridge that records what crossed and answers with `reply`. */
function recordingBridge(reply: IpcHttpResponse | Promise<IpcHttpResponse>) {
  const sent: IpcHttpRequest[] = [];
  const bridge: DesktopBridge = {
    platform: 'linux',
    saveExport: () => Promise.reject(new Error('not in this test')),
    fetch: (request) => {
      sent.push(request);
      return Promise.resolve(reply);
    },
  };
  return { bridge, sent };
}

const ok: IpcHttpResponse = { status: 200, headers: { 'content-type': 'application/json' }, body: '[1]' };

describe('createIpcFetch', () => {
  it('sends a query as a plain, clone-safe request and returns a real Response', async () => {
    const { bridge, sent } = recordingBridge(ok);
    const response = await createIpcFetch(bridge)(`${URL_BASE}/customers.list?batch=1&input=%7B%7D`, {
      method: 'GET',
      headers: { 'X-Tollgate-Client': 'desktop:abc' },
    });

    expect(sent).toEqual([
      {
        url: `${URL_BASE}/customers.list?batch=1&input=%7B%7D`,
        method: 'GET',
        headers: { 'x-tollgate-client': 'desktop:abc' },
        body: null,
      },
    ]);
    expect(structuredClone(sent[0])).toEqual(sent[0]);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    await expect(response.json()).resolves.toEqual([1]);
  });

  it('reads the body of a mutation as text and accepts URL objects and Headers', async () => {
    const { bridge, sent } = recordingBridge(ok);
    await createIpcFetch(bridge)(new URL(`${URL_BASE}/customers.create?batch=1`), {
      method: 'POST',
      headers: new Headers({ 'Content-Type': 'application/json' }),
      body: '{"0":{"name":"Ada"}}',
    });

    expect(sent[0]).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"0":{"name":"Ada"}}',
    });
  });

  it('accepts a Request as input', async () => {
    const { bridge, sent } = recordingBridge(ok);
    await createIpcFetch(bridge)(new Request(`${URL_BASE}/x`, { method: 'POST', body: 'hello' }));
    expect(sent[0]).toMatchObject({ url: `${URL_BASE}/x`, method: 'POST', body: 'hello' });
  });

  it('carries error statuses through so tRPC can read its error body', async () => {
    const { bridge } = recordingBridge({ status: 404, headers: {}, body: '{"error":"nope"}' });
    const response = await createIpcFetch(bridge)(`${URL_BASE}/customers.get`);
    expect(response.status).toBe(404);
    expect(response.ok).toBe(false);
    await expect(response.text()).resolves.toBe('{"error":"nope"}');
  });

  it('answers a no-content status without a body instead of throwing', async () => {
    const { bridge } = recordingBridge({ status: 204, headers: {}, body: '' });
    const response = await createIpcFetch(bridge)(`${URL_BASE}/x`);
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it.each([
    'https://example.com/trpc/customers.list',
    'tollgate://elsewhere/trpc/customers.list',
    'tollgate://backend.evil.example/trpc/customers.list',
    'tollgate://backend:8080/trpc/customers.list',
    'tollgate://user:secret@backend/trpc/customers.list',
    'file:///etc/passwd',
  ])('refuses %s without crossing IPC', async (url) => {
    const { bridge, sent } = recordingBridge(ok);
    await expect(createIpcFetch(bridge)(url)).rejects.toThrow(TypeError);
    expect(sent).toEqual([]);
  });

  it('rejects like a network failure when the main process does not answer', async () => {
    const bridge: DesktopBridge = {
      platform: 'linux',
      fetch: () => Promise.reject(new Error('no handler')),
      saveExport: () => Promise.reject(new Error('not in this test')),
    };
    const failure = createIpcFetch(bridge)(`${URL_BASE}/x`);
    await expect(failure).rejects.toThrow(TypeError);
    await expect(failure).rejects.toThrow('The desktop backend did not answer');
  });

  it('stops waiting when the caller aborts', async () => {
    const { bridge } = recordingBridge(new Promise<IpcHttpResponse>(() => {}));
    const controller = new AbortController();
    const pending = createIpcFetch(bridge)(`${URL_BASE}/x`, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('does not call the bridge for an already aborted signal', async () => {
    const { bridge, sent } = recordingBridge(ok);
    await expect(
      createIpcFetch(bridge)(`${URL_BASE}/x`, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(sent).toEqual([]);
  });
});
