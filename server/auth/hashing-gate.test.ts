import { describe, expect, it } from 'vitest';
import { HashingBusy, HashingGate, hashingFor } from './hashing-gate';

/** A task the test finishes when it chooses, recording when it started. */
function controlled(log: string[], name: string) {
  let finish = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    work: async () => {
      log.push(name);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the hashing gate', () => {
  it('runs at most `concurrency` at once and refuses beyond its queue with a 429', async () => {
    const gate = new HashingGate({ concurrency: 2, maxQueue: 2 });
    const log: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((name) => controlled(log, name));
    const results = tasks.map((t) => gate.run(t.work));
    await settle();
    expect(log).toEqual(['a', 'b']);
    expect(gate.load).toEqual({ running: 2, waiting: 2 });
    const refused = await gate.run(() => Promise.resolve('e')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HashingBusy);
    expect((refused as HashingBusy).code).toBe('RATE_LIMITED');
    expect((refused as HashingBusy).retryAfterS).toBe(2);
    for (const task of tasks) {
      task.finish();
      await settle();
    }
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when a task fails', async () => {
    const gate = new HashingGate({ concurrency: 1, maxQueue: 1 });
    await expect(gate.run(() => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    expect(await gate.run(() => Promise.resolve('next'))).toBe('next');
  });

  it('gives the next slot to a newcomer before a flooder’s queue', async () => {
    const gate = new HashingGate({ concurrency: 1, maxQueue: 10 });
    const log: string[] = [];
    const flood = ['f1', 'f2', 'f3', 'f4'].map((name) => controlled(log, name));
    const person = controlled(log, 'person');
    const running = flood.map((t) => hashingFor('203.0.113.1', () => gate.run(t.work)));
    await settle();
    const personDone = hashingFor('198.51.100.5', () => gate.run(person.work));
    await settle();
    flood[0]?.finish();
    await settle();
    expect(log).toEqual(['f1', 'person']);
    person.finish();
    for (const task of flood) task.finish();
    await Promise.all([...running, personDone]);
    expect(log).toEqual(['f1', 'person', 'f2', 'f3', 'f4']);
  });
});
