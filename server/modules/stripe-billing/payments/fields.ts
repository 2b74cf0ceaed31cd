import type { FieldSpec } from '../stripe-fields';

/** What the payment handlers cannot do without, read through `requiredFields` (null elsewhere is Stripe's own). */

export const DISPUTE_FIELDS = {
  amount: ['amount', 'number'],
  currency: ['currency', 'string'],
  reason: ['reason', 'string'],
  status: ['status', 'string'],
  created: ['created', 'number'],
} as const satisfies FieldSpec;

export const CHARGE_FIELDS = {
  amount: ['amount', 'number'],
  currency: ['currency', 'string'],
} as const satisfies FieldSpec;

export const REFUND_FIELDS = {
  amount: ['amount', 'number'],
  currency: ['currency', 'string'],
} as const satisfies FieldSpec;
