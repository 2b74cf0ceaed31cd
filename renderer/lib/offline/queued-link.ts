import type { TRPCLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import type { QueuedMark } from '../../../shared/sync/offline';
import { takeQueuedMark } from './queued-answers';

export interface QueuedLinkHandlers {
  /** A mutation came back queued on this desktop: say so, neutrally. */
  onQueued: (mark: QueuedMark) => void;
  /** A request got no answer from the backend at all (no error data): the connection may have changed. */
  onUnanswered: () => void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The step every answer passes through on its way to the screens. A mutation's answer that
 * carries the queued mark has it taken off (screens get the provisional result they expect)
 * and the mark handed to `onQueued`; the answer is remembered as queued, so `notifySuccess`
 * skips the screen's own toast for it. Errors pass unchanged.
 */
export function queuedAnswerLink<TRouter extends AnyRouter>(handlers: QueuedLinkHandlers): TRPCLink<TRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) =>
        next(op).subscribe({
          next(envelope) {
            const result: unknown = envelope.result;
            if (op.type !== 'mutation' || !isRecord(result) || !('data' in result)) {
              observer.next(envelope);
              return;
            }
            const { data, mark } = takeQueuedMark(result.data);
            if (!mark) {
              observer.next(envelope);
              return;
            }
            handlers.onQueued(mark);
            observer.next({ ...envelope, result: { ...result, data } });
          },
          error(error) {
            if (!isRecord(error.data)) handlers.onUnanswered();
            observer.error(error);
          },
          complete() {
            observer.complete();
          },
        }),
      );
}
