import { createTRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client';
import { initTRPC } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { describe, expect, it, vi } from 'vitest';
import { QUEUED_KEY } from '../../../shared/sync/offline';
import { queuedAnswerLink } from './queued-link';
import { wasQueued } from './queued-answers';

const t = initTRPC.create();
const _testRouter = t.router({
  save: t.procedure.mutation(() => ({ id: 'x' })),
  read: t.procedure.query(() => ({ id: 'x' })),
});
type TestRouter = typeof _testRouter;

/** A backend stand-in that answers every operation with `answer` (or fails without data, as a dropped connection does). */
function answering(answer: unknown): TRPCLink<TestRouter> {
  return () => () =>
    observable((observer) => {
      if (answer instanceof Error) observer.error(TRPCClientError.from(answer));
      else {
        observer.next({ result: { type: 'data', data: answer } });
        observer.complete();
      }
    });
}

function clientWith(answer: unknown) {
  const handlers = { onQueued: vi.fn(), onUnanswered: vi.fn() };
  const client = createTRPCClient<TestRouter>({
    links: [queuedAnswerLink<TestRouter>(handlers), answering(answer)],
  });
  return { client, handlers };
}

describe('queuedAnswerLink', () => {
  it('takes the queued mark off a mutation’s provisional result, says so once, and remembers the answer as queued', async () => {
    const mark = { outboxId: 7, label: 'Create customer Ada' };
    const { client, handlers } = clientWith({ id: 'cus_local', [QUEUED_KEY]: mark });
    const answer = await client.save.mutate();
    expect(answer).toEqual({ id: 'cus_local' });
    expect(QUEUED_KEY in answer).toBe(false);
    expect(wasQueued(answer)).toBe(true);
    expect(handlers.onQueued).toHaveBeenCalledExactlyOnceWith(mark);
  });

  it('leaves an answer the server gave alone', async () => {
    const { client, handlers } = clientWith({ id: 'cus_1' });
    const answer = await client.save.mutate();
    expect(answer).toEqual({ id: 'cus_1' });
    expect(wasQueued(answer)).toBe(false);
    expect(handlers.onQueued).not.toHaveBeenCalled();
  });

  it('reads a queued mark only on mutations', async () => {
    const { client, handlers } = clientWith({ id: 'x', [QUEUED_KEY]: { outboxId: 1, label: 'l' } });
    const answer = await client.read.query();
    expect(QUEUED_KEY in answer).toBe(true);
    expect(handlers.onQueued).not.toHaveBeenCalled();
  });

  it('reports a request that got no answer at all, and passes the error on', async () => {
    const { client, handlers } = clientWith(new TypeError('Failed to fetch'));
    await expect(client.save.mutate()).rejects.toThrow('Failed to fetch');
    expect(handlers.onUnanswered).toHaveBeenCalledOnce();
  });
});
