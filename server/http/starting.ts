import type { RequestListener } from 'node:http';
import type { Logger } from '../lib/logger';
import { inRequest } from '../lib/request-scope';
import { readinessRoute, type Readiness } from '../ops/readiness';
import { answerSafely, assignRequestId } from './request-id';

/**
 * What the server answers between listening and its backend being open (the database being
 * migrated, which on PostgreSQL may mean waiting for another instance's migration): alive
 * (/healthz 200), not ready (/readyz 503 with the reason), and every other call 503 with a
 * Retry-After, so a load balancer that routed too early gets a retryable answer.
 */
export function startingListener(readiness: Readiness, logger: Logger): RequestListener {
  const readyz = readinessRoute(readiness);
  return (req, res) =>
    inRequest(assignRequestId(req, res), () => {
      const path = new URL(req.url ?? '/', 'http://local').pathname;
      if (path === '/readyz') return answerSafely(req, res, logger, readyz);
      const [status, body] =
        path === '/healthz'
          ? [200, { status: 'ok' }]
          : [503, { error: 'The server is starting; retry in a moment' }];
      res
        .writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          ...(status === 503 ? { 'retry-after': '5' } : {}),
        })
        .end(JSON.stringify(body));
    });
}
