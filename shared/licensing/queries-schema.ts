import { z } from 'zod';
import { customerRef, MAX_TIME } from '../billing/schema';
import { pageInput } from '../page';

/**
 * Inputs of the staff's reads of licenses (`licenses.list|get|usage|validations`), shared by
 * the server and the Licenses pages. Times are UTC epoch milliseconds.
 */

export const LICENSE_STATUSES = ['ACTIVE', 'SUSPENDED', 'REVOKED'] as const;
export type LicenseStatus = (typeof LICENSE_STATUSES)[number];

/** The list sorts newest first by default, or by expiry (licenses that never expire come last). */
export const LICENSE_SORT_FIELDS = ['createdAt', 'expiresAt'] as const;
export type LicenseSortField = (typeof LICENSE_SORT_FIELDS)[number];

/** Most periods a usage chart asks for per metric (three years of months). */
export const MAX_USAGE_PERIODS = 36;

/**
 * A licensing row's id (`lic_…`, a policy's…): a prefix and a ULID body, as every id here.
 * The prefix is not pinned, so an id of another kind is simply not found.
 */
const rowId = (label: string, example: string) =>
  z
    .string({ error: `${label} must be text` })
    .regex(/^[a-z]{2,4}_[0-9A-Z]{26}$/, { error: `${label} must look like ${example}` });

export const licenseRef = rowId('License id', 'lic_…');
export const licensePolicyRef = rowId('Policy id', 'an id from the policies list');

export const licenseListInput = z.strictObject({
  status: z
    .enum(LICENSE_STATUSES, { error: `Status must be one of ${LICENSE_STATUSES.join(', ')}` })
    .nullish(),
  policyId: licensePolicyRef.nullish(),
  customerId: customerRef.nullish(),
  /** Only licenses that expire before this moment (those that never expire are left out). */
  expiringBefore: z
    .number({ error: 'Expiring before must be a time' })
    .int({ error: 'Expiring before must be a whole number of milliseconds' })
    .positive({ error: 'Expiring before must be after 1970' })
    .max(MAX_TIME, { error: 'Expiring before must be before the year 10000' })
    .nullish(),
  sort: z
    .strictObject({
      field: z.enum(LICENSE_SORT_FIELDS, { error: `Sort must be one of ${LICENSE_SORT_FIELDS.join(', ')}` }),
      direction: z.enum(['asc', 'desc'], { error: 'Direction must be asc or desc' }),
    })
    .default({ field: 'createdAt', direction: 'desc' }),
  ...pageInput({ max: 500, default: 100 }),
});
export type LicenseListInput = z.input<typeof licenseListInput>;

export const byLicenseId = z.strictObject({ id: licenseRef });

export const licenseUsageInput = z.strictObject({
  id: licenseRef,
  /** One metric only; every metric the policy limits or the license used when left out. */
  metric: z
    .string({ error: 'Metric must be text' })
    .trim()
    .min(1, { error: 'Metric must not be empty' })
    .max(100, { error: 'Metric must be at most 100 characters' })
    .nullish(),
  /** How many of the latest periods each metric shows. */
  periods: z
    .number({ error: 'Periods must be a number' })
    .int({ error: 'Periods must be a whole number' })
    .min(1, { error: 'Periods must be at least 1' })
    .max(MAX_USAGE_PERIODS, { error: `Periods must be at most ${MAX_USAGE_PERIODS}` })
    .default(12),
});
