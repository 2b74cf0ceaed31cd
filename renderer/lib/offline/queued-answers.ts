import { QUEUED_KEY, queuedMarkOf, type QueuedMark } from '../../../shared/sync/offline';

/** Answers that were queued, not done: the screen's own success toast is skipped for them. */
const queuedAnswers = new WeakMap<object, QueuedMark>();

/**
 * The answer without its queued mark, remembered as queued; the same value when the server answered.
 * A command without a provisional result comes back as the mark alone, which becomes `{}`.
 */
export function takeQueuedMark(data: unknown): { data: unknown; mark: QueuedMark | null } {
  const mark = queuedMarkOf(data);
  if (!mark) return { data, mark: null };
  const rest: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  delete rest[QUEUED_KEY];
  queuedAnswers.set(rest, mark);
  return { data: rest, mark };
}

/** Whether a mutation's answer (as the screen received it) was queued on this desktop. */
export function wasQueued(answer: unknown): boolean {
  return typeof answer === 'object' && answer !== null && queuedAnswers.has(answer);
}
