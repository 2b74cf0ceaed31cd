import type { IncomingMessage } from 'node:http';
import type { AppRouter } from '../app/router';
import type { ClientInfo, Context, Services } from '../trpc/context';
import type { AppDatabase } from '../db/connection';
import type { Logger } from '../lib/logger';
import { stripeWebhookRoutes } from '../modules/stripe-events';
import { createRestApi, REST_PREFIX, type RestLimits } from '../hosted/rest';
import { close, createHttpServer, listen } from './server';

/** Reads PORT: a free port when unset, else a whole number 0–65535, or a clear error. */
export function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${value}"`);
  }
  return port;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** What serveBackend needs of a backend: the embedded one (standalone) or the hosted one. */
export interface ServedBackend {
  router: AppRouter;
  services: Services;
  database: AppDatabase;
  contextFromHeaders(
    read: (name: string) => string | null | undefined,
    defaultKind: ClientInfo['kind'],
    clientAddress?: string | null,
  ): Context | Promise<Context>;
  close(): Promise<void>;
}

/**
 * Serves a backend over HTTP until SIGINT/SIGTERM (or, when TOLLGATE_EXIT_WITH_STDIN=1,
 * until the parent closes our stdin, so test servers never outlive their test run).
 */
export async function serveBackend(options: {
  backend: ServedBackend;
  port: number;
  /** The address to listen on; 127.0.0.1 unless given. */
  host?: string;
  /** See HttpServerOptions.anyHost: only for a backend that authenticates every call. */
  anyHost?: boolean;
  /** See HttpServerOptions.trustedProxies. */
  trustedProxies?: readonly string[];
  clientKind: ClientInfo['kind'];
  staticDir?: string;
  logger: Logger;
  /** Serve the public REST API under /api/v1 (the hosted server), with these limits. */
  rest?: { limits?: Partial<RestLimits> };
}): Promise<{ url: string; stop(): Promise<void> }> {
  const rest = options.rest
    ? createRestApi({
        services: options.backend.services,
        logger: options.logger,
        limits: options.rest.limits,
        trustedProxies: options.trustedProxies,
      })
    : null;
  const server = createHttpServer({
    router: options.backend.router,
    createContext: (req, { address }) =>
      options.backend.contextFromHeaders((name) => header(req, name), options.clientKind, address),
    logger: options.logger,
    staticDir: options.staticDir,
    anyHost: options.anyHost,
    trustedProxies: options.trustedProxies,
    // Stripe delivers to /webhooks/stripe/<tenantId>; see docs/webhooks.md.
    publicRoutes: {
      ...stripeWebhookRoutes({
        db: options.backend.services.db,
        sqlite: options.backend.database.dialect === 'sqlite' ? options.backend.database.sqlite : null,
        clock: options.backend.services.clock,
        logger: options.logger,
      }),
      // API keys prove every call, so any Host (a reverse proxy's public name) is fine.
      ...(rest ? { [REST_PREFIX]: rest.route } : {}),
    },
  });
  const { url } = await listen(server, options.port, options.host);
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      // Requests in hand finish first, then the background work in hand, then the database closes.
      options.logger.info('stopping: finishing the requests and work in hand');
      await close(server);
      rest?.stop();
      await options.backend.close();
      options.logger.info('stopped');
    })());
  const stopAndExit = () => void stop().then(() => process.exit(0));
  process.once('SIGINT', stopAndExit);
  process.once('SIGTERM', stopAndExit);
  if (process.env.TOLLGATE_EXIT_WITH_STDIN === '1') {
    process.stdin.resume();
    process.stdin.once('end', stopAndExit);
    process.stdin.once('close', stopAndExit);
  }
  return { url, stop };
}
