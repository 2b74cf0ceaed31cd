import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { internalMessage } from '../trpc/errors';
import type { Logger } from '../lib/logger';
import { currentRequestId, requestLogger } from '../lib/request-scope';

/** The header a request's id travels in, both ways: a proxy's id is kept, and every answer names its own. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * What an incoming id may look like to be kept: the UUIDs, hex and base64 ids proxies and
 * load balancers make, 128 characters at most. Anything else (a line break that would forge
 * a log line, markup, a kilobyte of text) is replaced, not cleaned.
 */
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:=+/-]{0,127}$/;

/** The incoming id when it is well formed, else null. */
export function acceptedRequestId(value: string | string[] | undefined): string | null {
  return typeof value === 'string' && WELL_FORMED.test(value) ? value : null;
}

/** Names the request: the id a proxy sent, or a new one; the answer carries it in its header. */
export function assignRequestId(
  req: IncomingMessage,
  res: ServerResponse,
  generate: () => string = randomUUID,
): string {
  const id = acceptedRequestId(req.headers[REQUEST_ID_HEADER]) ?? generate();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** The request's context with a logger that puts the request's id on every line. */
export function withRequestLogger<C extends { logger: Logger }>(context: C): C {
  return { ...context, logger: requestLogger(context.logger) };
}

/**
 * Runs a route, and turns whatever it throws (at once or later) into a logged error and a
 * 500 that names only the request's reference: a route's bug neither crashes the server
 * nor leaves the client waiting, and says nothing of itself.
 */
export function answerSafely(
  req: IncomingMessage,
  res: ServerResponse,
  logger: Logger,
  route: (req: IncomingMessage, res: ServerResponse) => unknown,
): void {
  const fail = (error: unknown) => {
    requestLogger(logger).error(
      { err: error, method: req.method, path: req.url?.split('?')[0] },
      'unexpected error',
    );
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res
      .writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
      .end(JSON.stringify({ error: internalMessage(currentRequestId()) }));
  };
  try {
    const answered = route(req, res);
    if (answered instanceof Promise) answered.catch(fail);
  } catch (error) {
    fail(error);
  }
}
