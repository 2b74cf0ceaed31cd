import type { IncomingMessage, ServerResponse } from 'node:http';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPCError } from '@trpc/server';
import helmet from 'helmet';
import { createContext, type Context, type Services } from '../../trpc/context';
import type { Principal } from '../../trpc/context';
import { clientAddress, normalizeAddress } from '../../http/client-address';
import type { Logger } from '../../lib/logger';
import type { RequestMetrics } from '../../ops/metrics';
import { requestLogger } from '../../lib/request-scope';
import { restPrincipal } from './auth';
import { readJsonBody } from './body';
import { DOCS_PATH, docsSecurity, serveDocs } from './docs';
import { REST_PREFIX, restDocument } from './document';
import { fixedHeaders } from './fixed-headers';
import { failure, fromTRPCError, internalFailure, sendFailure, sendJson, type RestFailure } from './errors';
import { answerIdempotently, pruneEvery } from './idempotent-answer';
import { DEFAULT_REST_LIMITS, RateGate, type RestLimits } from './limits';
import { licensingApi } from './licensing';
import { isLicensingPath } from './licensing-document';
import { app } from './procedure';
import { routeTable, type RouteMatch } from './routes';
import { procedureRunner, type ProcedureAnswer, type ProcedureRequest } from './run-procedure';

/**
 * The public REST API under /api/v1, mounted on the hosted server's HTTP server as a
 * public route. Each request goes: security headers → per-address rate → route (404/405)
 * → API key (401) → per-key rate (429) → body (413/415/400) → idempotency (POST) → the
 * REST procedure → one error shape for any failure. The licensing operations leave after the
 * route for licensing.ts, which reads the key from the body. See docs/rest-api.md.
 */

export interface RestApiOptions {
  services: Services;
  logger: Logger;
  limits?: Partial<RestLimits>;
  /** See HttpServerOptions.trustedProxies: whose X-Forwarded-For names the client. */
  trustedProxies?: readonly string[];
  /** Told each operation's latency and failures (/metrics). */
  metrics?: RequestMetrics;
}

export interface RestApi {
  /** Answers any request whose path starts with /api/v1. */
  route: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;
  /** Stops the hourly pruning of idempotency keys. */
  stop: () => void;
}

const DOCUMENT_PATH = `${REST_PREFIX}/openapi.json`;
const RECEIPT_TEMPLATE = '/invoices/{id}/receipt';

const apiSecurity = fixedHeaders(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
  }),
);

/** The query string of a request's URL, without its '?'. */
function queryOf(url: string | undefined): string {
  const at = url?.indexOf('?') ?? -1;
  return at < 0 || url === undefined ? '' : url.slice(at + 1);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const unknownRoute = (req: IncomingMessage, path: string) =>
  failure(
    404,
    'invalid_request_error',
    'route_not_found',
    `Unrecognized request URL (${req.method} ${path})`,
  );

export function createRestApi(options: RestApiOptions): RestApi {
  const { services, logger } = options;
  const limits = { ...DEFAULT_REST_LIMITS, ...options.limits };
  const perAddress = new RateGate(limits.perAddress, 'rest-address');
  const perKey = new RateGate(limits.perKey, 'rest-key');
  const trustedProxies = (options.trustedProxies ?? []).map(normalizeAddress);
  const document = restDocument();
  const lookup = routeTable(document);
  const run = procedureRunner({ logger });
  const stopPruning = pruneEvery(services, logger);
  const answerLicensing = licensingApi({
    services,
    limits,
    perKey,
    rateLimited: (headers) => rateLimited(headers, 'key'),
  });

  async function answer(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === DOCS_PATH || path.startsWith(`${DOCS_PATH}/`)) {
      docsSecurity(res);
      if (!serveDocs(req, res, path)) sendFailure(res, unknownRoute(req, path));
      return;
    }
    apiSecurity(res);
    if (path === DOCUMENT_PATH) {
      if (req.method === 'GET') sendJson(res, 200, document, {});
      else sendFailure(res, methodNotAllowed(req, ['GET']));
      return;
    }
    const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustedProxies);
    const byAddress = await perAddress.take(address ?? 'unknown');
    if (!byAddress.allowed) return sendFailure(res, rateLimited(byAddress.headers, 'address'));

    const relative = path.slice(REST_PREFIX.length) || '/';
    const found = lookup(req.method ?? 'GET', relative);
    if (found.kind === 'unknown') return sendFailure(res, unknownRoute(req, path));
    if (found.kind === 'wrong_method') return sendFailure(res, methodNotAllowed(req, found.allow));
    timeOperation(res, `${req.method} ${found.route.template}`, options.metrics);
    // The license key in the body is the credential there (decision 155): answered apart.
    if (isLicensingPath(found.route.template)) {
      return answerLicensing(req, res, found.route.template, address);
    }

    const auth = await restPrincipal(services.db, header(req, 'authorization'), services.clock.now(), {
      address,
      onError: (error) => logger.warn({ err: error }, 'recording an API key’s last use failed'),
    });
    if ('refused' in auth) return sendFailure(res, auth.refused);
    const byKey = await perKey.take(auth.principal.userId);
    for (const [name, value] of Object.entries(byKey.headers)) res.setHeader(name, value);
    if (!byKey.allowed) return sendFailure(res, rateLimited(byKey.headers, 'key'));

    const context = restContext(auth.principal, address);
    if (found.route.template === RECEIPT_TEMPLATE) return sendReceipt(res, context, found.route);
    const search = queryOf(req.url);
    if (req.method === 'GET') {
      return send(res, await runProcedure({ method: 'GET', path: relative, search }, context));
    }

    const body = await readJsonBody(req, limits.bodyBytes);
    if ('error' in body) return sendFailure(res, body);
    const request: ProcedureRequest = { method: 'POST', path: relative, search, body: body.value };
    const idempotencyKey = header(req, 'idempotency-key');
    if (idempotencyKey === undefined) return send(res, await runProcedure(request, context));
    const outcome = await answerIdempotently(services, {
      principal: auth.principal,
      idempotencyKey,
      request: { method: 'POST', path: relative, body: body.raw },
      run: () => runProcedure(request, context),
    });
    if ('error' in outcome) return sendFailure(res, outcome);
    if (outcome.replayed) res.setHeader('idempotent-replayed', 'true');
    send(res, outcome);
  }

  function restContext(principal: Principal, address: string | null): Context {
    const context = createContext({
      services,
      principal,
      client: { kind: 'hosted', id: 'rest-api' },
      clientAddress: address,
    });
    // As withRequestLogger does, on the fresh object rather than a second copy of it.
    context.logger = requestLogger(context.logger);
    return context;
  }

  /** The procedure's answer as status and JSON text: failures already in the one shape. */
  async function runProcedure(request: ProcedureRequest, context: Context) {
    const answered: ProcedureAnswer = await run(request, context);
    if (answered.status < 400) return { status: answered.status, body: answered.body };
    const failed = answered.error ? fromTRPCError(answered.error, answered.status) : internalFailure();
    return { status: failed.status, body: JSON.stringify({ error: failed.error }) };
  }

  async function sendReceipt(res: ServerResponse, context: Context, route: RouteMatch): Promise<void> {
    try {
      const file = await app(context).receipts.get({ id: route.params.id ?? '', format: 'pdf' });
      const pdf = Buffer.from(file.content, 'base64');
      res.writeHead(200, {
        'content-type': 'application/pdf',
        'content-length': pdf.length,
        'content-disposition': `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`,
        'cache-control': 'no-store',
      });
      res.end(pdf);
    } catch (error) {
      if (!(error instanceof TRPCError)) throw error;
      sendFailure(res, fromTRPCError(error, getHTTPStatusCodeFromError(error)));
    }
  }

  return {
    route: async (req, res, path) => {
      try {
        await answer(req, res, path);
      } catch (error) {
        requestLogger(logger).error({ err: error, method: req.method, path }, 'unexpected error');
        if (res.headersSent) res.destroy();
        else sendFailure(res, internalFailure());
      }
    },
    stop: stopPruning,
  };
}

/** Reports the operation's latency once answered, and its failure (by HTTP status) if it failed. */
function timeOperation(res: ServerResponse, operation: string, metrics: RequestMetrics | undefined): void {
  if (!metrics) return;
  const started = process.hrtime.bigint();
  res.once('finish', () => {
    metrics.answered('rest', operation, Number(process.hrtime.bigint() - started) / 1e9);
    if (res.statusCode >= 400) metrics.failed('rest', operation, String(res.statusCode));
  });
}

function send(res: ServerResponse, answer: { status: number; body: string }): void {
  res.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(answer.body),
  });
  res.end(answer.body);
}

function methodNotAllowed(req: IncomingMessage, allow: string[]): RestFailure {
  return {
    ...failure(
      405,
      'invalid_request_error',
      'method_not_allowed',
      `${req.method} is not allowed here; use ${allow.join(' or ')}`,
    ),
    headers: { allow: allow.join(', ') },
  };
}

function rateLimited(headers: Record<string, string>, by: 'key' | 'address'): RestFailure {
  return {
    ...failure(
      429,
      'rate_limit_error',
      'rate_limited',
      `Too many requests from this ${by === 'key' ? 'API key' : 'address'}; retry after ${headers['retry-after']} s`,
    ),
    headers,
  };
}
