import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../lib/logger';
import { currentRequestId, requestLogger } from '../../lib/request-scope';
import type { WebhookReceiver } from './receiver';

/** Where Stripe delivers a tenant's events: this prefix, then the tenant's id. */
export const WEBHOOK_PATH_PREFIX = '/webhooks/stripe/';

/** Stripe's events are a few kB; anything near this is not one. */
export const MAX_WEBHOOK_BODY_BYTES = 1_000_000;

function answer(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/**
 * The raw body (the signature covers its exact bytes), or null when it passes the limit.
 * An oversized body is read to its end but not kept, so the client gets the 413.
 */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_WEBHOOK_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_WEBHOOK_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * POST /webhooks/stripe/<tenantId>: verify, store, answer 200 at once (a duplicate too);
 * processing happens later from the inbox. 400 says why a delivery was refused; an unknown
 * tenant or one without a secret gets the same 404 as any unknown address.
 */
export function stripeWebhookRoute(receiver: WebhookReceiver, logger: Logger) {
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const tenantId = path.slice(WEBHOOK_PATH_PREFIX.length);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      answer(res, 405, { error: 'Use POST' });
      return;
    }
    try {
      if (Number(req.headers['content-length'] ?? 0) > MAX_WEBHOOK_BODY_BYTES) {
        res.setHeader('connection', 'close');
        answer(res, 413, { error: 'body too large' });
        return;
      }
      const body = await readBody(req);
      if (!body) {
        answer(res, 413, { error: 'body too large' });
        return;
      }
      const receipt = await receiver.receive(tenantId, body, header(req, 'stripe-signature'));
      switch (receipt.outcome) {
        case 'stored':
          answer(res, 200, { received: true });
          return;
        case 'duplicate':
          answer(res, 200, { received: true, duplicate: true });
          return;
        case 'refused':
          answer(res, 400, { error: receipt.reason });
          return;
        case 'unknown':
          answer(res, 404, { error: 'Not found' });
          return;
      }
    } catch (error) {
      // Stripe retries a 5xx, which is what a failed insert needs.
      requestLogger(logger).error({ err: error, tenantId }, 'storing a Stripe webhook failed');
      const reference = currentRequestId();
      const error500 = `could not store the event; retry${reference ? ` (reference ${reference})` : ''}`;
      if (!res.headersSent) answer(res, 500, { error: error500 });
    }
  };
}
