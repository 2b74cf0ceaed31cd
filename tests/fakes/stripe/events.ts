/**
 * Stripe's events as the fake account records them: every change a route makes is
 * described by an `event` object holding a snapshot of the object as it then stood
 * (so later changes never alter an event already recorded), the attributes the change
 * replaced, and the API request (id and idempotency key) that caused it.
 */

/** The API version the fake account renders events in (the SDK's pinned version). */
export const FAKE_ACCOUNT_API_VERSION = '2026-10-28.endive';

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

/** The API request being answered; events emitted while it runs name it. Null for automatic changes. */
export interface EventRequest {
  id: string;
  idempotencyKey: string | null;
}

export type EventListener = (event: StripeEvent) => void;

export interface EmitOptions {
  /** The attributes the change replaced, with their earlier values (for `*.updated` events). */
  previousAttributes?: Record<string, unknown>;
}

export function buildEvent(
  id: string,
  created: number,
  type: string,
  object: object,
  request: EventRequest | null,
  pendingWebhooks: number,
  options: EmitOptions,
): StripeEvent {
  const data: StripeEvent['data'] = { object: structuredClone(object) as Record<string, unknown> };
  if (options.previousAttributes) data.previous_attributes = structuredClone(options.previousAttributes);
  return {
    id,
    object: 'event',
    api_version: FAKE_ACCOUNT_API_VERSION,
    created,
    data,
    livemode: false,
    pending_webhooks: pendingWebhooks,
    request: { id: request?.id ?? null, idempotency_key: request?.idempotencyKey ?? null },
    type,
  };
}

/** The earlier values of the fields `change` is about to set on `object`, for previous_attributes. */
export function previousValues<T extends object>(object: T, change: Partial<T>): Partial<T> {
  const previous: Partial<T> = {};
  for (const key of Object.keys(change) as (keyof T)[]) {
    if (JSON.stringify(object[key]) !== JSON.stringify(change[key])) previous[key] = object[key];
  }
  return previous;
}
