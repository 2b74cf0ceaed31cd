import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DesktopBridge, IpcHttpRequest } from '../../shared/ipc';
import { COMMAND_KEY_HEADER, QUEUED_KEY } from '../../shared/sync/offline';
import { commandContext } from './offline/command-key';
import { createTrpcClient } from './trpc';

/** A desktop bridge that records each request and answers every call in it with `data`. */
function recordingBridge(data: unknown) {
  const sent: IpcHttpRequest[] = [];
  const bridge: DesktopBridge = {
    platform: 'linux',
    saveExport: () => Promise.reject(new Error('not in this test')),
    fetch: (request) => {
      sent.push(request);
      const one = { result: { data } };
      const batched = new URL(request.url).searchParams.get('batch') === '1';
      const calls = batched ? new URL(request.url).pathname.split(',').length : 1;
      const body = JSON.stringify(batched ? Array.from({ length: calls }, () => one) : one);
      return Promise.resolve({ status: 200, headers: { 'content-type': 'application/json' }, body });
    },
  };
  return { bridge, sent };
}

const memoryStorage = () => {
  const values = new Map<string, string>();
  return {
    getItem: (k: string) => values.get(k) ?? null,
    setItem: (k: string, v: string) => values.set(k, v),
  };
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createTrpcClient', () => {
  it('sends a mutation alone with the command key its context carries, and reads its queued mark', async () => {
    vi.stubGlobal('localStorage', memoryStorage());
    const { bridge, sent } = recordingBridge({
      id: 'cus_local',
      [QUEUED_KEY]: { outboxId: 3, label: 'Archive Ada' },
    });
    const onQueued = vi.fn();
    const client = createTrpcClient({ onQueued, onUnanswered: vi.fn() }, bridge);
    const key = 'k3y-of-one-form_0001';
    const answer = await client.customers.archive.mutate({ id: 'cus_1' }, commandContext(key));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).not.toContain('batch=1');
    expect(sent[0]?.headers[COMMAND_KEY_HEADER]).toBe(key);
    expect(answer).toEqual({ id: 'cus_local' });
    expect(onQueued).toHaveBeenCalledWith({ outboxId: 3, label: 'Archive Ada' });
  });

  it('sends no key for a mutation without one, and batches queries', async () => {
    vi.stubGlobal('localStorage', memoryStorage());
    const { bridge, sent } = recordingBridge({ ok: true });
    const client = createTrpcClient({ onQueued: vi.fn(), onUnanswered: vi.fn() }, bridge);
    await client.connection.syncNow.mutate();
    await Promise.all([client.connection.status.query(), client.backend.mode.query()]);
    expect(sent[0]?.headers[COMMAND_KEY_HEADER]).toBeUndefined();
    expect(sent).toHaveLength(2);
    expect(sent[1]?.url).toContain('batch=1');
  });
});
