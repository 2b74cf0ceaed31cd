import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from './logger';

/**
 * The request a piece of work is serving, for the places that cannot be handed it: tRPC's
 * error formatter (which runs without a context when building the context failed) and log
 * lines written deep inside a route. Set by the HTTP server around each request.
 */
export interface RequestScope {
  requestId: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** Runs `work` (and everything it awaits) as part of the request `requestId`. */
export function inRequest<T>(requestId: string, work: () => T): T {
  return scope.run({ requestId }, work);
}

/** The id of the request being served, or null outside one (a background job, a test caller). */
export function currentRequestId(): string | null {
  return scope.getStore()?.requestId ?? null;
}

/** `logger` with the current request's id on every line, or `logger` itself outside a request. */
export function requestLogger(logger: Logger): Logger {
  const requestId = currentRequestId();
  return requestId ? logger.child({ reqId: requestId }) : logger;
}
