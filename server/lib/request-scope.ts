import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from './logger';

/**
 * The request a piece of work is serving, for the places that cannot be handed it: tRPC's
 * error formatter (which runs without a context when building the context failed) and log
 * lines written deep inside a route. Set by the HTTP server around each request.
 */
export interface RequestScope {
  requestId: string;
  /**
   * Values the request's input carried in password-like fields (server/trpc/input-secrets.ts):
   * the log scrubber masks them in every line written while serving it, even inside free text
   * (an error quoting the input), where a password has no shape to be recognised by.
   */
  secrets: Set<string>;
}

const scope = new AsyncLocalStorage<RequestScope>();
const NONE: ReadonlySet<string> = new Set();

/** Runs `work` (and everything it awaits) as part of the request `requestId`. */
export function inRequest<T>(requestId: string, work: () => T): T {
  return scope.run({ requestId, secrets: new Set() }, work);
}

/** Remembers secret values of the current request for the log scrubber; outside a request, nothing to do. */
export function rememberRequestSecrets(values: Iterable<string>): void {
  const secrets = scope.getStore()?.secrets;
  if (!secrets) return;
  for (const value of values) secrets.add(value);
}

/** The secret values the current request carried (none outside a request). */
export function currentRequestSecrets(): ReadonlySet<string> {
  return scope.getStore()?.secrets ?? NONE;
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
