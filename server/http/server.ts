import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { MAX_BATCH_CALLS, MAX_URL_LENGTH } from '../../shared/http-limits';
import { CLIENT_HEADER, type Context } from '../trpc/context';
import type { AppRouter } from '../app/router';
import { RetryLater } from '../auth/retry-later';
import type { Logger } from '../lib/logger';
import { clientHeaderRefusal } from '../trpc/client-header';
import { logUnexpected } from '../trpc/errors';
import { inRequest, requestLogger } from '../lib/request-scope';
import { clientAddress, normalizeAddress } from './client-address';
import { answerSafely, assignRequestId, withRequestLogger } from './request-id';
import { pathOf } from './request-path';
import { serveStatic } from './static-files';
import type { RequestMetrics } from '../ops/metrics';
import { readinessRoute, type Readiness } from '../ops/readiness';

export interface HttpServerOptions {
  router: AppRouter;
  createContext(req: IncomingMessage, request: { address: string | null }): Context | Promise<Context>;
  logger: Logger;
  /** The built renderer to serve beside the API; omitted on the hosted server. */
  staticDir?: string;
  /** Extra routes (webhooks, metrics) the hosted server adds. */
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse) => unknown>;
  /**
   * Routes matched by path prefix and answered whatever the Host header says (a reverse
   * proxy forwards the public name): only for requests that prove themselves, such as
   * signed webhooks, which a rebinding page could neither forge nor learn anything from.
   */
  publicRoutes?: Record<string, (req: IncomingMessage, res: ServerResponse, path: string) => unknown>;
  /**
   * Answer whatever the Host header names. Only for a server that authenticates every
   * call with a bearer token (the hosted server): a rebinding page cannot send the token.
   */
  anyHost?: boolean;
  /**
   * Proxies (exact addresses) whose X-Forwarded-For is believed; none unless configured,
   * so a client cannot choose its own address. See client-address.ts.
   */
  trustedProxies?: readonly string[];
  /** What /readyz reports; without it the server is ready whenever it answers. */
  readiness?: Readiness;
  /** Told of each tRPC call's latency and failures (/metrics). */
  metrics?: RequestMetrics;
}

/** A body (sync pushes are the largest). */
export const MAX_BODY_BYTES = 1_000_000;

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/**
 * A refusal in tRPC's error shape, so a tRPC client reports its message (a batch link
 * hands a single error to every call of the batch). Sent before any procedure runs.
 */
function refuseCall(res: ServerResponse, status: 413 | 414, message: string): void {
  const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
  sendJson(res, status, {
    error: {
      message,
      code: status === 413 ? -32413 : -32600,
      data: { code, httpStatus: status, domainCode: 'INVALID_INPUT' },
    },
  });
}

/** Refuses oversized tRPC calls before they are parsed; true when it answered. */
function refusedAsTooLarge(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if ((req.url ?? '').length > MAX_URL_LENGTH) {
    refuseCall(res, 414, `The request address is longer than ${MAX_URL_LENGTH} characters`);
    return true;
  }
  // Counted as tRPC will read the path: commas may come percent-encoded.
  const calls = url.searchParams.get('batch') === '1' ? url.pathname.split(/,|%2c/i).length : 1;
  if (calls > MAX_BATCH_CALLS) {
    refuseCall(res, 413, `A batch may hold at most ${MAX_BATCH_CALLS} calls; this one holds ${calls}`);
    return true;
  }
  return false;
}

/** A throttled call's wait, as Retry-After (the longest of the batch's). */
function retryAfter(errors: readonly { cause?: unknown }[]): Record<string, string> {
  const waits = errors.flatMap((e) => (e.cause instanceof RetryLater ? [e.cause.retryAfterS] : []));
  return waits.length > 0 ? { 'retry-after': String(Math.max(...waits)) } : {};
}

/**
 * The HTTP face of a backend: tRPC under /trpc, /healthz, and the console's files.
 * It answers only requests addressed to a loopback host (a page on another site cannot
 * reach it by DNS rebinding) and tRPC calls only with the console's client header
 * (which a cross-site form or script cannot send without a CORS preflight we refuse).
 */
export function createHttpServer(options: HttpServerOptions): Server {
  return createServer(createRequestListener(options));
}

/** The tRPC procedures a call's path names: one, or a batch's, separated by commas. */
function calledProcedures(path: string): string[] {
  return path
    .slice('/trpc/'.length)
    .split(/,|%2c/i)
    .map((name) => name.replace(/[^\w.]/g, ''));
}

/** Reports the call's latency, once answered, for each procedure it names. */
function timeCall(res: ServerResponse, path: string, metrics: RequestMetrics | undefined): void {
  if (!metrics) return;
  const started = process.hrtime.bigint();
  res.once('finish', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    for (const procedure of calledProcedures(path)) metrics.answered('trpc', procedure, seconds);
  });
}

/** createHttpServer's answering, for a server made elsewhere (one that listens before the backend opens). */
export function createRequestListener(options: HttpServerOptions): RequestListener {
  const readyz = options.readiness ? readinessRoute(options.readiness) : null;
  const trustedProxies = (options.trustedProxies ?? []).map(normalizeAddress);
  const trpc = createHTTPHandler({
    router: options.router,
    basePath: '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    // Also checked (with a clearer message) before tRPC sees the call; this holds if that moves.
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: async ({ req }) =>
      withRequestLogger(
        await options.createContext(req, {
          address: clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustedProxies),
        }),
      ),
    onError: ({ error, path }) => {
      options.metrics?.failed('trpc', path ?? 'unknown', error.code);
      // A procedure's own failures are logged where they happen; this catches the rest (the context's).
      if (error.code === 'INTERNAL_SERVER_ERROR')
        logUnexpected(requestLogger(options.logger), error, { path });
    },
    responseMeta: ({ errors }) => ({ headers: retryAfter(errors) }),
  });

  return (req, res) => {
    inRequest(assignRequestId(req, res), () => answerSafely(req, res, options.logger, handle));
  };

  function handle(req: IncomingMessage, res: ServerResponse): void {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const path = pathOf(req.url ?? '/');
    for (const [prefix, route] of Object.entries(options.publicRoutes ?? {})) {
      if (path.startsWith(prefix)) {
        answerSafely(req, res, options.logger, () => route(req, res, path));
        return;
      }
    }
    if (!options.anyHost && !LOOPBACK_HOST.test(req.headers.host ?? '')) {
      sendJson(res, 421, { error: 'This server answers only on 127.0.0.1' });
      return;
    }
    if (path === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (path === '/readyz') {
      if (readyz) answerSafely(req, res, options.logger, readyz);
      else sendJson(res, 200, { status: 'ready' });
      return;
    }
    const route = options.routes?.[path];
    if (route) {
      answerSafely(req, res, options.logger, route);
      return;
    }
    if (path.startsWith('/trpc/')) {
      const refusal = clientHeaderRefusal(req.headers[CLIENT_HEADER]);
      if (refusal) {
        sendJson(res, refusal.status, { error: refusal.error });
        return;
      }
      // API answers carry tokens (sign-in, refresh) and tenant data: no cache may keep any of them.
      res.setHeader('cache-control', 'no-store');
      if (refusedAsTooLarge(req, res, new URL(req.url ?? '/', 'http://local'))) return;
      timeCall(res, path, options.metrics);
      trpc(req, res);
      return;
    }
    if (options.staticDir && (req.method === 'GET' || req.method === 'HEAD')) {
      serveStatic(options.staticDir, req, res);
      return;
    }
    sendJson(res, 404, { error: 'Not found' });
  }
}

/** Listens on `host` (127.0.0.1 unless told; port 0 picks a free one) and resolves with the URL. */
export function listen(
  server: Server,
  port: number,
  host = '127.0.0.1',
): Promise<{ url: string; port: number }> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolveListen({ url: `http://${shown}:${address.port}`, port: address.port });
    });
  });
}

/**
 * Stops accepting, lets requests in hand finish, and resolves when closed. Keep-alive
 * connections are closed as soon as they fall idle (after their response), and any still
 * busy after `graceMs` are cut, so a stuck client cannot hold the shutdown forever.
 */
export function close(server: Server, graceMs = 10_000): Promise<void> {
  return new Promise((resolveClose, reject) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close((error) => {
      clearInterval(sweep);
      clearTimeout(deadline);
      if (error) reject(error);
      else resolveClose();
    });
    server.closeIdleConnections();
  });
}
