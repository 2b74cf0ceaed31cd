import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import type { AppRouter } from '../app/router';
import type { ClientInfo, Context, Services } from '../trpc/context';
import type { AppDatabase } from '../db/connection';
import type { Logger } from '../lib/logger';
import { stripeWebhookRoutes } from '../modules/stripe-events';
import { EXPORT_DOWNLOAD_PATH, exportDownloadRoute } from '../modules/reports';
import { createRestApi, REST_PREFIX, type RestLimits } from '../hosted/rest';
import { createServerMetrics } from '../ops/metrics';
import { metricsRoute } from '../ops/metrics-route';
import { databaseProbe, Readiness } from '../ops/readiness';
import { close, createRequestListener, listen } from './server';
import { startingListener } from './starting';

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

export interface ServeOptions {
  /** The backend, or how to open it: then the server listens first and answers /readyz 503 meanwhile. */
  backend: ServedBackend | (() => Promise<ServedBackend>);
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
  /** Serve /metrics to callers with this bearer token; none: no /metrics. */
  metricsToken?: string | null;
  /** After SIGTERM, answer /readyz 503 this long before closing, so a load balancer stops routing here. */
  drainMs?: number;
  /** Told the URL as soon as the server listens (before the backend is open). */
  onListening?(url: string): void;
}

function answerWith(backend: ServedBackend, options: ServeOptions, readiness: Readiness) {
  const metrics = options.metricsToken
    ? createServerMetrics({
        database: backend.database,
        clock: backend.services.clock,
        procedures: new Set(Object.keys(backend.router._def.procedures)),
      })
    : null;
  const rest = options.rest
    ? createRestApi({
        services: backend.services,
        logger: options.logger,
        limits: options.rest.limits,
        trustedProxies: options.trustedProxies,
        metrics: metrics ?? undefined,
      })
    : null;
  const createContext = (req: IncomingMessage, address: string | null) =>
    backend.contextFromHeaders((name) => header(req, name), options.clientKind, address);
  const listener = createRequestListener({
    router: backend.router,
    createContext: (req, { address }) => createContext(req, address),
    logger: options.logger,
    staticDir: options.staticDir,
    anyHost: options.anyHost,
    trustedProxies: options.trustedProxies,
    readiness,
    metrics: metrics ?? undefined,
    routes: {
      ...(metrics && options.metricsToken ? { '/metrics': metricsRoute(metrics, options.metricsToken) } : {}),
      // Web mode's download of a finished export (its address is the caller's: no proxy address to trust).
      [EXPORT_DOWNLOAD_PATH]: exportDownloadRoute((req) => createContext(req, null)),
    },
    // Stripe delivers to /webhooks/stripe/<tenantId>; see docs/webhooks.md.
    publicRoutes: {
      ...stripeWebhookRoutes({
        db: backend.services.db,
        sqlite: backend.database.dialect === 'sqlite' ? backend.database.sqlite : null,
        clock: backend.services.clock,
        logger: options.logger,
      }),
      // API keys prove every call, so any Host (a reverse proxy's public name) is fine.
      ...(rest ? { [REST_PREFIX]: rest.route } : {}),
    },
  });
  return {
    listener,
    stop: () => {
      rest?.stop();
      metrics?.close();
    },
  };
}

/**
 * Serves a backend over HTTP until SIGINT/SIGTERM (or, when TOLLGATE_EXIT_WITH_STDIN=1,
 * until the parent closes our stdin, so test servers never outlive their test run). A first
 * signal drains (/readyz 503 for `drainMs`), a second one ends the drain at once.
 */
export async function serveBackend(options: ServeOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const readiness = new Readiness();
  let answer: RequestListener = startingListener(readiness, options.logger);
  const server = createServer((req, res) => answer(req, res));
  const { url } = await listen(server, options.port, options.host);
  options.onListening?.(url);
  let backend: ServedBackend;
  try {
    backend = typeof options.backend === 'function' ? await options.backend() : options.backend;
  } catch (error) {
    await close(server);
    throw error;
  }
  const served = answerWith(backend, options, readiness);
  answer = served.listener;
  readiness.serving(databaseProbe(backend.services.db));

  let endDrain = () => {};
  let stopping: Promise<void> | null = null;
  const stop = (drainMs = 0) =>
    (stopping ??= (async () => {
      readiness.drain();
      if (drainMs > 0) {
        options.logger.info({ drainMs }, 'draining: /readyz answers 503 until the drain ends');
        await new Promise<void>((resolveDrain) => {
          const timer = setTimeout(resolveDrain, drainMs);
          endDrain = () => {
            clearTimeout(timer);
            resolveDrain();
          };
        });
      }
      // Requests in hand finish first, then the background work in hand, then the database closes.
      options.logger.info('stopping: finishing the requests and work in hand');
      await close(server);
      served.stop();
      await backend.close();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      options.logger.info('stopped');
    })());
  const onSignal = () => {
    if (stopping) endDrain();
    else void stop(options.drainMs ?? 0).then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  if (process.env.TOLLGATE_EXIT_WITH_STDIN === '1') {
    // The parent (a test run) is gone: stop now, without a drain nobody is waiting on.
    const stopNow = () => {
      endDrain();
      void stop().then(() => process.exit(0));
    };
    process.stdin.resume();
    process.stdin.once('end', stopNow);
    process.stdin.once('close', stopNow);
  }
  return { url, stop: () => stop() };
}
