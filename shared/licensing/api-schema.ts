import { z } from 'zod';
import { MAX_FINGERPRINT_LENGTH, MAX_MACHINE_NAME_LENGTH, MAX_PLATFORM_LENGTH } from './activation';
import { looksLikeLicenseKey, MAX_LICENSE_KEY_LENGTH } from './signing';

/**
 * Inputs of the licensing API the platform's apps call (`/api/v1/licenses/…`, docs/rest-api.md,
 * "Licensing"): validate, activate, deactivate, check-in, heartbeat, usage. Strict objects, so
 * an unknown field is refused by name; every text has a bound, so a 1 MB fingerprint is a 400
 * naming the field, not a slow query.
 */

export const licenseKeyText = z
  .string({ error: 'key must be text' })
  .max(MAX_LICENSE_KEY_LENGTH, { error: `key must be at most ${MAX_LICENSE_KEY_LENGTH} characters` })
  .refine(looksLikeLicenseKey, {
    error: 'key is not a license key (TG1.<kid>.<payload>.<signature>)',
  })
  .transform((key) => key.trim());

const bounded = (label: string, max: number, min = 0) =>
  z
    .string({ error: `${label} must be text` })
    .min(min, { error: `${label} must not be empty` })
    .max(max, { error: `${label} must be at most ${max} characters` });

export const fingerprintText = bounded('fingerprint', MAX_FINGERPRINT_LENGTH, 1);
export const machineNameText = bounded('name', MAX_MACHINE_NAME_LENGTH);
export const platformText = bounded('platform', MAX_PLATFORM_LENGTH);

/** Product ids, entitlement codes and user refs a scope may name. */
const scopeText = (label: string) => bounded(label, 200, 1);

export const validationScope = z.strictObject({
  product: scopeText('scope.product').optional(),
  entitlements: z
    .array(scopeText('an entitlement'), { error: 'scope.entitlements must be a list of codes' })
    .max(100, { error: 'scope.entitlements may name at most 100 codes' })
    .optional(),
  user: scopeText('scope.user').optional(),
});

export const validateInput = z.strictObject({
  key: licenseKeyText,
  fingerprint: fingerprintText.optional(),
  scope: validationScope.optional(),
});
export type ValidateInput = z.infer<typeof validateInput>;

export const activateInput = z.strictObject({
  key: licenseKeyText,
  fingerprint: fingerprintText,
  name: machineNameText.optional(),
  platform: platformText.optional(),
});

/** deactivate, check-in and heartbeat: the key, and the machine where it matters. */
export const machineInput = z.strictObject({ key: licenseKeyText, fingerprint: fingerprintText });
export const checkInInput = z.strictObject({ key: licenseKeyText });

/** Metric names as policies write them. */
export const metricName = z.string({ error: 'metric must be text' }).regex(/^[a-z][a-z0-9_.-]{0,63}$/, {
  error: 'metric must be 1–64 lower-case letters, digits, dots, dashes or underscores',
});

export const usageEventInput = z.strictObject({
  id: bounded('id', 100, 1),
  metric: metricName,
  quantity: z
    .number({ error: 'quantity must be a number' })
    .int({ error: 'quantity must be a whole number' })
    .min(1, { error: 'quantity must be at least 1' })
    .max(1_000_000_000, { error: 'quantity must be at most 1,000,000,000' }),
  occurred_at: z
    .number({ error: 'occurred_at must be epoch milliseconds' })
    .int({ error: 'occurred_at must be whole epoch milliseconds' })
    .min(0, { error: 'occurred_at must not be before 1970' })
    .max(8_640_000_000_000, { error: 'occurred_at is past the year 275760' }),
});
export type UsageEventInput = z.infer<typeof usageEventInput>;

export const usageInput = z.strictObject({
  key: licenseKeyText,
  events: z
    .array(usageEventInput, { error: 'events must be a list' })
    .min(1, { error: 'events must hold at least one event' })
    .max(100, { error: 'events may hold at most 100 events per call' }),
});
