import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './event-types';

/** Inputs of the webhooks procedures and what they answer, shared by the server and the console. */

export const webhookEndpointId = z
  .string({ error: 'Endpoint id must be text' })
  .regex(/^we_[0-9A-Z]{26}$/, { error: 'Endpoint id must look like we_…' });

export const webhookDeliveryId = z
  .string({ error: 'Delivery id must be text' })
  .regex(/^wdl_[0-9A-F]{28}$/, { error: 'Delivery id must look like wdl_…' });

/** Long enough for any real address; the guard checks what it names. */
export const MAX_ENDPOINT_URL_LENGTH = 2048;

const endpointUrl = z
  .string({ error: 'URL must be text' })
  .trim()
  .min(1, { error: 'URL is required' })
  .max(MAX_ENDPOINT_URL_LENGTH, { error: `URL must be at most ${MAX_ENDPOINT_URL_LENGTH} characters` });

const eventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: 'Event type is not one Tollgate sends' }), {
    error: 'Event types must be a list',
  })
  .min(1, { error: 'Choose at least one event type' })
  .max(WEBHOOK_EVENT_TYPES.length, { error: 'Event types lists a type twice' })
  .refine((types) => new Set(types).size === types.length, { error: 'Event types lists a type twice' });

const description = z
  .string({ error: 'Description must be text' })
  .trim()
  .max(200, { error: 'Description must be at most 200 characters' });

export const createWebhookEndpointInput = z.strictObject({
  url: endpointUrl,
  eventTypes,
  description: description.default(''),
});
export type CreateWebhookEndpointInput = z.input<typeof createWebhookEndpointInput>;

/** An edit: only what is named changes. The URL goes through the same guard as a new one. */
export const updateWebhookEndpointInput = z.strictObject({
  id: webhookEndpointId,
  patch: z
    .strictObject({
      url: endpointUrl.optional(),
      eventTypes: eventTypes.optional(),
      description: description.optional(),
    })
    .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
      error: 'Name at least one of url, eventTypes or description to change',
    }),
});
export type UpdateWebhookEndpointInput = z.input<typeof updateWebhookEndpointInput>;

/**
 * How long the secret being replaced keeps signing after a roll, as Stripe offers: at once
 * (a leaked secret), or long enough for every receiver to take the new one.
 */
export const SECRET_OVERLAPS = ['now', '1h', '24h', '7d'] as const;
export type SecretOverlap = (typeof SECRET_OVERLAPS)[number];
export const SECRET_OVERLAP_MS: Record<SecretOverlap, number> = {
  now: 0,
  '1h': 60 * 60 * 1000,
  '24h': 24 * 60 * 60 * 1000,
  '7d': 7 * 24 * 60 * 60 * 1000,
};

export const rollWebhookSecretInput = z.strictObject({
  id: webhookEndpointId,
  /** Left out: the old secret stops signing at once (what rotateSecret always did). */
  oldSecretExpires: z
    .enum(SECRET_OVERLAPS, { error: 'Old secret expiry must be one of now, 1h, 24h or 7d' })
    .default('now'),
});
export type RollWebhookSecretInput = z.input<typeof rollWebhookSecretInput>;

export const setWebhookEndpointEnabledInput = z.strictObject({
  id: webhookEndpointId,
  enabled: z.boolean({ error: 'Enabled must be true or false' }),
});

export const webhookDeliveryListInput = z.strictObject({
  endpointId: webhookEndpointId,
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Sent by TanStack Query's infinite queries through tRPC; the log only reads onwards. */
  direction: z.enum(['forward', 'backward']).optional(),
});

export type WebhookEndpointStatus = 'enabled' | 'disabled';
export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  status: WebhookEndpointStatus;
  /** Why it is disabled: by staff, or by Tollgate after three days of failures. */
  disabledReason: 'staff' | 'failing' | null;
  /** The current secret's last four characters. */
  secretHint: string;
  /** Older secrets that still sign every delivery until they expire (after a roll with an overlap). */
  expiringSecrets: { hint: string; expiresAt: number }[];
  failingSince: number | null;
  lastDelivery: { status: WebhookDeliveryStatus; at: number; responseCode: number | null } | null;
  createdAt: number;
}

/** A new or rotated secret: shown once, never stored anywhere it could be read back. */
export interface WebhookSecretAnswer {
  endpoint: WebhookEndpointView;
  secret: string;
}

/** What deleting an endpoint did: its pending deliveries were cancelled (never sent). */
export interface WebhookEndpointDeleted {
  id: string;
  cancelledDeliveries: number;
}

/** How long the delivery log (deliveries, attempts, their events) is kept. */
export const WEBHOOK_LOG_RETENTION_DAYS = 30;

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  objectId: string;
  sequence: number;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: number | null;
  lastResponseCode: number | null;
  lastError: string | null;
  createdAt: number;
  finishedAt: number | null;
}

export interface WebhookAttemptView {
  attempt: number;
  at: number;
  durationMs: number;
  outcome: 'succeeded' | 'failed';
  responseCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
}

export interface WebhookDeliveryDetail extends WebhookDeliveryView {
  /** The body every attempt sent, exactly. */
  requestBody: string;
  attemptLog: WebhookAttemptView[];
}
