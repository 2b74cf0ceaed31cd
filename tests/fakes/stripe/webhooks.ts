import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import Stripe from 'stripe';
import { FAKE_ACCOUNT_API_VERSION, type StripeEvent } from './events';

/**
 * Stripe's webhook deliveries, for tests and benches: events in Stripe's shape, bodies signed
 * with the SDK's own `generateTestHeaderString` exactly as Stripe signs them.
 */

/** A fresh endpoint signing secret, shaped like the Dashboard's (built at run time, never a literal). */
export function newWebhookSecret(): string {
  return ['whsec', randomBytes(24).toString('base64url').replace(/[-_]/g, 'x')].join('_');
}

let sequence = 0;

/** An event id unique within the run (Stripe's are 24+ letters and digits after `evt_`). */
export function newEventId(): string {
  sequence += 1;
  return `evt_${randomBytes(9).toString('hex')}${sequence.toString(36).padStart(6, '0')}`;
}

/** An event about `object` (which must carry its `id`), created at `created` (Unix seconds). */
export function stripeEvent(
  type: string,
  object: { id: string } & Record<string, unknown>,
  options: { id?: string; created?: number; previousAttributes?: Record<string, unknown> } = {},
): StripeEvent {
  return {
    id: options.id ?? newEventId(),
    object: 'event',
    api_version: FAKE_ACCOUNT_API_VERSION,
    created: options.created ?? Math.floor(Date.now() / 1000),
    data: {
      object,
      ...(options.previousAttributes ? { previous_attributes: options.previousAttributes } : {}),
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

export interface Delivery {
  body: string;
  headers: Record<string, string>;
}

/** The body and headers Stripe would POST for `event`, signed with `secret` at `timestamp` (seconds). */
export function signedDelivery(
  event: StripeEvent,
  secret: string,
  options: { timestamp?: number; body?: string } = {},
): Delivery {
  const body = options.body ?? JSON.stringify(event, null, 2);
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret,
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
  });
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': signature,
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    },
  };
}

/** POSTs a delivery to an endpoint URL; resolves with the status and the parsed answer. */
export async function deliver(
  url: string,
  delivery: Delivery,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * Posts many deliveries over kept-alive connections (node:http: the load generator must
 * cost less than the server it measures, which fetch does not at thousands per second).
 */
export function deliveryClient(maxSockets = 64) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  return {
    post(url: string, delivery: Delivery): Promise<{ status: number; body: string }> {
      const target = new URL(url);
      return new Promise((resolve, reject) => {
        const req = request(
          {
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: 'POST',
            agent,
            headers: { ...delivery.headers, 'content-length': Buffer.byteLength(delivery.body) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(delivery.body);
      });
    },
    close: () => agent.destroy(),
  };
}
