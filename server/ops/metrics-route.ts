import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerMetrics } from './metrics';

/**
 * GET /metrics for Prometheus, behind a bearer token from the environment
 * (TOLLGATE_METRICS_TOKEN): the figures name procedures and queue sizes, nothing a stranger
 * should read. Without a configured token the route does not exist (404, added by nobody).
 */

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the Authorization header carries `token`, compared in constant time (over digests, so lengths never leak). */
export function carriesToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/i.exec(authorization ?? '');
  return match !== null && timingSafeEqual(digest(match[1] as string), digest(token));
}

export function metricsRoute(metrics: ServerMetrics, token: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!carriesToken(req.headers.authorization, token)) {
      res
        .writeHead(401, {
          'content-type': 'application/json; charset=utf-8',
          'www-authenticate': 'Bearer realm="metrics"',
        })
        .end(JSON.stringify({ error: 'A bearer token is required for /metrics' }));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const text = await metrics.render();
    res
      .writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' })
      .end(text);
  };
}
