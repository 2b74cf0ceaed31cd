import { z } from 'zod';
import { pageInput } from '../page';

/**
 * Inputs and names of the email notifications, shared by the server's procedures and the
 * console's screens, so a field is validated by the same rule on both sides.
 */

export const EMAIL_TEMPLATES = [
  'receipt',
  'trial_ending',
  'payment_failed',
  'payment_recovered',
  'final_notice',
  'subscription_canceled',
  /** To the workspace's admins, not a customer: a failing webhook endpoint was turned off. */
  'webhook_endpoint_disabled',
  /** To the recipients a workspace chose: last month's figures, with the pack's PDF and XLSX attached. */
  'finance_pack',
  /** To a person at a customer, invited by staff to administer that customer's account (decision 145). */
  'account_invitation',
  /** To a person at a customer given a named seat on its license by the account's admin; no secret in it. */
  'license_seat_invitation',
  /** To a customer's account admins, 30, 7 and 1 days before one of its licenses expires. */
  'license_expiring',
  /** To a customer's account admins when a license's usage passes 80 % and 100 % of a limit in a period. */
  'license_usage_alert',
] as const;
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];

/** held: kept in the outbox because no SMTP server is configured. */
export const EMAIL_STATUSES = ['pending', 'sent', 'failed', 'held'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export const emailId = z
  .string({ error: 'Email id must be text' })
  .regex(/^eml_[0-9A-Z]{26}$/, { error: 'Email id must look like eml_…' });

export const emailListInput = z.strictObject({
  status: z.enum(EMAIL_STATUSES, { error: `Status must be one of ${EMAIL_STATUSES.join(', ')}` }).nullish(),
  template: z
    .enum(EMAIL_TEMPLATES, { error: `Template must be one of ${EMAIL_TEMPLATES.join(', ')}` })
    .nullish(),
  ...pageInput({ max: 1000, default: 100 }),
});

const address = (label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(254, { error: `${label} must be at most 254 characters` })
    .toLowerCase()
    .pipe(z.email({ error: `${label} must be a valid address, like billing@example.com` }));

/** An optional address: empty means none. */
const optionalAddress = (label: string) =>
  z.union([z.literal('').transform(() => null), z.null(), address(label)], {
    error: `${label} must be a valid address, like billing@example.com`,
  });

export const BRAND_COLOR = /^#[0-9a-fA-F]{6}$/;

export const emailSettingsFields = {
  senderName: z
    .string({ error: 'Sender name must be text' })
    .trim()
    .min(1, { error: 'Sender name is required' })
    .max(100, { error: 'Sender name must be at most 100 characters' })
    // A header value: a line break would let it write further headers.
    .refine((v) => !/[\r\n]/.test(v), { error: 'Sender name must be on one line' }),
  /** Empty: the server's own address (SMTP_FROM). */
  fromAddress: optionalAddress('From address'),
  replyTo: optionalAddress('Reply-to address'),
  brandColor: z
    .string({ error: 'Brand colour must be text' })
    .regex(BRAND_COLOR, { error: 'Brand colour must be a hex colour like #1c7ed6' }),
  footerText: z
    .string({ error: 'Footer text must be text' })
    .trim()
    .min(1, { error: 'Footer text is required' })
    .max(500, { error: 'Footer text must be at most 500 characters' }),
};

export const emailSettingsUpdateInput = z.strictObject({
  /** The version the form started from; a newer one on the server means someone else changed it. */
  expectedVersion: z.number().int().min(0),
  settings: z.strictObject(emailSettingsFields),
});
export type EmailSettingsUpdateInput = z.input<typeof emailSettingsUpdateInput>;
