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

export const createWebhookEndpointInput = z.strictObject({
  url: endpointUrl,
  eventTypes,
  description: z
    .string({ error: 'Description must be text' })
    .trim()
    .max(200, { error: 'Description must be at most 200 characters' })
    .default(''),
});
export type CreateWebhookEndpointInput = z.input<typeof createWebhookEndpointInput>;

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
  /** The secret's last four characters. */
  secretHint: string;
  failingSince: number | null;
  lastDelivery: { status: WebhookDeliveryStatus; at: number; responseCode: number | null } | null;
  createdAt: number;
}

/** A new or rotated secret: shown once, never stored anywhere it could be read back. */
export interface WebhookSecretAnswer {
  endpoint: WebhookEndpointView;
  secret: string;
}

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
