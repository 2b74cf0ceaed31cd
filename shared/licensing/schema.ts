import { z } from 'zod';
import { customerRef, subscriptionId } from '../billing/schema';
import { isPriceCurrency } from '../catalog/currencies';
import { planId, productId } from '../catalog/schema';
import { MAX_AMOUNT } from '../money';
import { KID_PATTERN } from './keys';
import { EXPIRATION_STRATEGIES, MACHINE_MODES, OVERAGE_STRATEGIES } from './policy';

/**
 * Inputs of staff's licensing procedures (policies, licenses, signing keys, files), shared by
 * the server and the console's forms so a field is checked by one rule on both sides. Objects
 * are strict; every message names its field.
 */

const prefixedId = (prefix: string, label: string) =>
  z
    .string({ error: `${label} must be text` })
    .regex(new RegExp(`^${prefix}_[0-9A-Z]{26}$`), { error: `${label} must look like ${prefix}_…` });

export const licensePolicyId = prefixedId('lpo', 'Policy id');
export const licenseId = prefixedId('lic', 'License id');
export const licenseMachineId = z
  .string({ error: 'Machine id must be text' })
  .regex(/^[a-z]{2,4}_[0-9A-Z]{26}$/, { error: 'Machine id must be a machine’s id' });
export const signingKeyId = z
  .string({ error: 'Key id must be text' })
  .regex(KID_PATTERN, { error: 'Key id must be 1–32 of A–Z a–z 0–9 _ -' });

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` });

const count = (label: string, max: number) =>
  z
    .number({ error: `${label} must be a number or null` })
    .int({ error: `${label} must be a whole number` })
    .min(0, { error: `${label} cannot be negative` })
    .max(max, { error: `${label} must be at most ${max}` });

/** Ten years: the longest duration, interval or TTL a policy may name. */
export const MAX_POLICY_DAYS = 3650;
const MAX_SECONDS = MAX_POLICY_DAYS * 86_400;
const seconds = (label: string) =>
  z
    .number({ error: `${label} must be a number of seconds or null` })
    .int({ error: `${label} must be a whole number of seconds` })
    .min(1, { error: `${label} must be at least 1 second` })
    .max(MAX_SECONDS, { error: `${label} must be at most ${MAX_SECONDS} seconds (ten years)` });

export const METRIC_PATTERN = /^[a-z0-9_.-]{1,64}$/;
export const metricName = z
  .string({ error: 'Metric must be text' })
  .regex(METRIC_PATTERN, { error: 'Metric must be 1–64 of a–z 0–9 _ . -, like course_hours' });

export const ENTITLEMENT_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
export const MAX_ENTITLEMENTS = 100;
export const entitlementList = z
  .array(
    z
      .string({ error: 'Entitlement must be text' })
      .regex(ENTITLEMENT_PATTERN, { error: 'Entitlement must be 1–64 of A–Z a–z 0–9 _ . : -' }),
    { error: 'Entitlements must be a list of names' },
  )
  .max(MAX_ENTITLEMENTS, { error: `At most ${MAX_ENTITLEMENTS} entitlements` })
  .refine((list) => new Set(list).size === list.length, { error: 'Entitlements must not repeat' });

/** Percent of the limit an ALLOW_MULTIPLE rule allows: over 100 (100 would be BLOCK), at most 100×. */
export const MAX_ALLOW_PERCENT = 10_000;

const usageRule = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('BLOCK') }),
    z.strictObject({
      kind: z.literal('BILL'),
      unitPrice: z
        .number({ error: 'Unit price must be a number of minor units' })
        .int({ error: 'Unit price must be a whole number of minor units, like 25 for $0.25' })
        .min(1, { error: 'Unit price must be more than 0' })
        .max(MAX_AMOUNT, { error: `Unit price must be at most ${MAX_AMOUNT} minor units` }),
      currency: z
        .string({ error: 'Currency must be text' })
        .regex(/^[A-Z]{3}$/, { error: 'Currency must be an upper-case ISO 4217 code, like USD' })
        .refine(isPriceCurrency, { error: 'Currency must be an ISO 4217 currency code, like USD or EUR' }),
    }),
    z.strictObject({
      kind: z.literal('ALLOW_MULTIPLE'),
      percent: z
        .number({ error: 'Percent must be a number' })
        .int({ error: 'Percent must be a whole number' })
        .min(101, { error: 'Percent must be over 100 (100 % is BLOCK)' })
        .max(MAX_ALLOW_PERCENT, { error: `Percent must be at most ${MAX_ALLOW_PERCENT}` }),
    }),
  ],
  { error: 'Rule kind must be BLOCK, BILL or ALLOW_MULTIPLE' },
);

export const MAX_USAGE_LIMITS = 50;
export const usageLimitList = z
  .array(
    z.strictObject({
      metric: metricName,
      limit: count('Limit', 1_000_000_000_000),
      rule: usageRule,
    }),
    { error: 'Usage limits must be a list' },
  )
  .max(MAX_USAGE_LIMITS, { error: `At most ${MAX_USAGE_LIMITS} usage limits` })
  .superRefine((limits, ctx) => {
    const seen = new Set<string>();
    limits.forEach((limit, index) => {
      if (seen.has(limit.metric)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'metric'],
          message: `Metric ${limit.metric} is listed twice`,
        });
      }
      seen.add(limit.metric);
    });
  });

/** A policy's fields as staff edit them (columns of migration 0031, camelCase here), without defaults. */
const policyBase = {
  name: text('Name', 200),
  planId: planId.nullable(),
  durationKind: z.enum(['FIXED', 'SUBSCRIPTION'], { error: 'Duration must be FIXED or SUBSCRIPTION' }),
  durationDays: z
    .number({ error: 'Duration days must be a number or null' })
    .int({ error: 'Duration days must be a whole number' })
    .min(1, { error: 'Duration days must be at least 1' })
    .max(MAX_POLICY_DAYS, { error: `Duration days must be at most ${MAX_POLICY_DAYS}` })
    .nullable(),
  machineMode: z.enum(MACHINE_MODES, { error: `Machine mode must be one of ${MACHINE_MODES.join(', ')}` }),
  maxMachines: count('Max machines', 1_000_000).nullable(),
  maxUsers: count('Max users', 1_000_000).nullable(),
  expirationStrategy: z.enum(EXPIRATION_STRATEGIES, {
    error: `Expiration strategy must be one of ${EXPIRATION_STRATEGIES.join(', ')}`,
  }),
  checkInIntervalSeconds: seconds('Check-in interval').nullable(),
  heartbeatTtlSeconds: seconds('Heartbeat TTL').nullable(),
  overageStrategy: z.enum(OVERAGE_STRATEGIES, {
    error: `Overage strategy must be one of ${OVERAGE_STRATEGIES.join(', ')}`,
  }),
  pastDueAction: z.enum(['OVERDUE', 'SUSPEND'], { error: 'Past-due action must be OVERDUE or SUSPEND' }),
  usageLimits: usageLimitList,
  entitlements: entitlementList,
};

const policyShape = {
  ...policyBase,
  productId,
  planId: policyBase.planId.default(null),
  durationDays: policyBase.durationDays.default(null),
  maxMachines: policyBase.maxMachines.default(null),
  maxUsers: policyBase.maxUsers.default(null),
  checkInIntervalSeconds: policyBase.checkInIntervalSeconds.default(null),
  heartbeatTtlSeconds: policyBase.heartbeatTtlSeconds.default(null),
  overageStrategy: policyBase.overageStrategy.default('NONE'),
  usageLimits: policyBase.usageLimits.default([]),
  entitlements: policyBase.entitlements.default([]),
};

export type PolicyFields = z.output<z.ZodObject<typeof policyShape>>;

/** The rules between fields, each issue on the field to change. */
function policyRules(p: PolicyFields, ctx: z.RefinementCtx): void {
  if (p.durationKind === 'FIXED' && p.durationDays === null) {
    ctx.addIssue({ code: 'custom', path: ['durationDays'], message: 'A FIXED duration needs its days' });
  }
  if (p.durationKind === 'SUBSCRIPTION' && p.durationDays !== null) {
    ctx.addIssue({
      code: 'custom',
      path: ['durationDays'],
      message: 'A SUBSCRIPTION duration follows the subscription: leave duration days empty',
    });
  }
  if (p.machineMode === 'NODE_LOCKED' && p.maxMachines !== null && p.maxMachines !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['maxMachines'],
      message: 'A NODE_LOCKED policy allows exactly 1 machine: leave max machines empty or 1',
    });
  }
  if (p.machineMode === 'NONE' && p.maxMachines !== null) {
    ctx.addIssue({
      code: 'custom',
      path: ['maxMachines'],
      message: 'A policy with machine mode NONE is not tied to machines: leave max machines empty',
    });
  }
  if (p.machineMode === 'NONE' && p.heartbeatTtlSeconds !== null) {
    ctx.addIssue({
      code: 'custom',
      path: ['heartbeatTtlSeconds'],
      message: 'A heartbeat needs machines: choose NODE_LOCKED or FLOATING, or leave the TTL empty',
    });
  }
}

export const policyFields = z.strictObject(policyShape).superRefine(policyRules);

export const policyCreateInput = policyFields;
export type PolicyCreateInput = z.input<typeof policyCreateInput>;

/** An edit: any field but the product (a policy of another product is a new policy). */
export const policyUpdateInput = z.strictObject({
  id: licensePolicyId,
  expectedVersion: z.number({ error: 'Expected version must be a number' }).int().min(1),
  patch: z
    .strictObject(policyBase)
    .partial()
    .refine((patch) => Object.keys(patch).length > 0, { error: 'Nothing to change' }),
});
export type PolicyUpdateInput = z.input<typeof policyUpdateInput>;

export const policyListInput = z
  .strictObject({
    productId: productId.nullish(),
    includeArchived: z.boolean({ error: 'Include archived must be true or false' }).default(false),
  })
  .default({ includeArchived: false });
export const byPolicyId = z.strictObject({ id: licensePolicyId });
export const policyArchiveInput = z.strictObject({
  id: licensePolicyId,
  expectedVersion: z.number({ error: 'Expected version must be a number' }).int().min(1),
});

const expectedVersion = z
  .number({ error: 'Expected version must be a number' })
  .int({ error: 'Expected version must be a whole number' })
  .min(1, { error: 'Expected version must be at least 1' });

export const licenseIssueInput = z.strictObject({
  customerId: customerRef,
  policyId: licensePolicyId,
  subscriptionId: subscriptionId.nullish().transform((v) => v ?? null),
  name: text('Name', 200),
  entitlements: entitlementList.default([]),
});
export type LicenseIssueInput = z.input<typeof licenseIssueInput>;

export const byLicenseVersion = z.strictObject({ id: licenseId, expectedVersion });
export const licenseSuspendInput = z.strictObject({
  id: licenseId,
  expectedVersion,
  reason: text('Reason', 500),
});
export const licenseRevokeInput = z.strictObject({
  id: licenseId,
  expectedVersion,
  reason: text('Reason', 500).nullish(),
});
export const licenseTransferInput = z.strictObject({
  id: licenseId,
  expectedVersion,
  customerId: customerRef,
  subscriptionId: subscriptionId.nullish().transform((v) => v ?? null),
});
/** `licenses.relink`: another subscription of the license's customer to follow. */
export const licenseRelinkInput = z.strictObject({ id: licenseId, expectedVersion, subscriptionId });
export const byLicenseId = z.strictObject({ id: licenseId });

export const licenseFileInput = z.strictObject({
  id: licenseId,
  encrypt: z.boolean({ error: 'Encrypt must be true or false' }).default(false),
});
export const machineFileInput = z.strictObject({
  machineId: licenseMachineId,
  encrypt: z.boolean({ error: 'Encrypt must be true or false' }).default(false),
});
/** A request file is a few hundred characters; anything near this is not one. */
export const MAX_ACTIVATION_REQUEST_LENGTH = 20_000;
export const activateOfflineInput = z.strictObject({
  request: z
    .string({ error: 'Request must be the text of an activation request file' })
    .min(1, { error: 'Request is required' })
    .max(MAX_ACTIVATION_REQUEST_LENGTH, {
      error: `Request must be at most ${MAX_ACTIVATION_REQUEST_LENGTH} characters`,
    }),
  encrypt: z.boolean({ error: 'Encrypt must be true or false' }).default(false),
});

export const signingKeyRemoveInput = z.strictObject({ kid: signingKeyId });
