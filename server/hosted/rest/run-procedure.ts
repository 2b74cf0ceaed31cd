import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TRPCError } from '@trpc/server';
import { createOpenApiNodeHttpHandler } from 'trpc-to-openapi';
import type { Context } from '../../trpc/context';
import { logUnexpected } from '../../trpc/errors';
import type { Logger } from '../../lib/logger';
import { requestLogger } from '../../lib/request-scope';
import { restOpenApiRouter } from './router';

/**
 * Runs a REST procedure through trpc-to-openapi's node handler, but into a collector
 * instead of the socket (as the library's own fetch adapter does), so the REST layer can
 * put failures into its one error shape and keep answers for idempotent replays before
 * anything is sent. The context, built and authenticated before, is handed over per request.
 */

export interface ProcedureAnswer {
  status: number;
  /** JSON text of the answer on success. */
  body: string;
  /** The error behind a failure, when tRPC produced one. */
  error: TRPCError | null;
}

/** The part of a response the handler writes: status, headers (ignored: ours are set), body. */
class ResponseCollector extends EventEmitter {
  statusCode = 200;
  writableEnded = false;

  constructor(private readonly done: (status: number, body: string) => void) {
    super();
  }

  setHeader(): this {
    return this;
  }

  end(body?: string): this {
    this.writableEnded = true;
    this.done(this.statusCode, body ?? '');
    this.emit('close');
    return this;
  }
}

export function procedureRunner(options: { logger: Logger; maxBodySize: number }) {
  const contexts = new WeakMap<IncomingMessage, Context>();
  const errors = new WeakMap<IncomingMessage, TRPCError>();
  const handler = createOpenApiNodeHttpHandler({
    router: restOpenApiRouter,
    maxBodySize: options.maxBodySize,
    createContext: ({ req }) => contexts.get(req),
    onError: ({ error, req, path }) => {
      errors.set(req, error);
      // A procedure logs its own unexpected errors (once); this catches the rest.
      if (error.code === 'INTERNAL_SERVER_ERROR')
        logUnexpected(requestLogger(options.logger), error, { path });
    },
  });

  /** `req.url` must already be relative to /api/v1 and `req.body` hold the parsed body (POST). */
  return function run(req: IncomingMessage, context: Context): Promise<ProcedureAnswer> {
    contexts.set(req, context);
    return new Promise((resolve, reject) => {
      const collector = new ResponseCollector((status, body) =>
        resolve({ status, body, error: errors.get(req) ?? null }),
      );
      handler(req, collector as unknown as ServerResponse).catch(reject);
    });
  };
}
