import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from './logger';
import { startLoop } from './loop';

describe('startLoop', () => {
  it('runs passes one at a time, goes on after a failure, and stop waits for the pass in hand', async () => {
    vi.useFakeTimers();
    try {
      let running = 0;
      let maxRunning = 0;
      let passes = 0;
      let release: () => void = () => undefined;
      const loop = startLoop({
        name: 'test loop',
        logger: silentLogger,
        intervalMs: 100,
        pass: async () => {
          passes++;
          running++;
          maxRunning = Math.max(maxRunning, running);
          if (passes === 2) throw new Error('a bad pass');
          if (passes === 3) await new Promise<void>((resolve) => (release = resolve));
          running--;
          return passes;
        },
      });
      await vi.advanceTimersByTimeAsync(100);
      expect(passes).toBe(1);
      await vi.advanceTimersByTimeAsync(100);
      expect(passes).toBe(2);
      running = 0; // the failing pass threw before finishing
      await vi.advanceTimersByTimeAsync(100);
      expect(passes).toBe(3);
      let stopped = false;
      const stopping = loop.stop().then(() => (stopped = true));
      await vi.advanceTimersByTimeAsync(500);
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(stopped).toBe(true);
      await vi.advanceTimersByTimeAsync(1000);
      expect(passes).toBe(3);
      expect(maxRunning).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits as long as the pass’s result asks', async () => {
    vi.useFakeTimers();
    try {
      let passes = 0;
      const loop = startLoop({
        name: 'backlog',
        logger: silentLogger,
        intervalMs: 1000,
        firstDelayMs: 0,
        pass: () => Promise.resolve(++passes),
        nextDelayMs: (n) => (n !== undefined && n < 3 ? 0 : 1000),
      });
      await vi.advanceTimersByTimeAsync(10);
      expect(passes).toBe(3);
      await vi.advanceTimersByTimeAsync(1000);
      expect(passes).toBe(4);
      await loop.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
