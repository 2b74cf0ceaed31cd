import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionWatch, type Watched } from './watch';

let state: 'offline' | 'connected' | 'other';
let syncs: number;
let asks: number;
let serverThere: boolean;
let waiting: boolean;

const watched: Watched = {
  state: () => state,
  syncWaiting: () => waiting,
  sync: () => {
    syncs += 1;
    if (serverThere) state = 'connected';
    return Promise.resolve();
  },
  alive: () => {
    asks += 1;
    return Promise.resolve(serverThere);
  },
  lost: () => {
    state = 'offline';
  },
};

beforeEach(() => {
  vi.useFakeTimers();
  state = 'connected';
  syncs = 0;
  asks = 0;
  serverThere = true;
  waiting = false;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the connection watch', () => {
  it('asks a connected server every heartbeat, and goes offline at the first silence', async () => {
    const watch = new ConnectionWatch(watched, { probeMs: 1000, heartbeatMs: 1000 });
    watch.schedule();
    await vi.advanceTimersByTimeAsync(3000);
    expect(asks).toBe(3);
    expect(syncs).toBe(0);

    serverThere = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(state).toBe('offline');
    // Offline: a sync is tried every probe, and the first that gets through ends it.
    await vi.advanceTimersByTimeAsync(1000);
    expect(syncs).toBe(1);
    expect(state).toBe('offline');
    watch.schedule();
    serverThere = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(syncs).toBe(2);
    expect(state).toBe('connected');
    watch.stop();
  });

  it('leaves a sync under way to say whether the server answers, and stops for good', async () => {
    const watch = new ConnectionWatch(watched, { probeMs: 1000, heartbeatMs: 1000 });
    waiting = true;
    watch.schedule();
    await vi.advanceTimersByTimeAsync(5000);
    expect(asks).toBe(0);
    state = 'offline';
    watch.stop();
    watch.schedule();
    await vi.advanceTimersByTimeAsync(5000);
    expect(syncs).toBe(0);
  });
});
