import type { z } from 'zod';
import type { UsageRule } from '../../../shared/licensing/policy';
import { policyCreateInput, type PolicyCreateInput } from '../../../shared/licensing/schema';
import { decimalAmount, readAmount } from '../../lib/amount';
import type { PolicyRecord } from './types';

/**
 * The policy form's values: numbers as the text typed (an empty box is "none"), a unit price
 * as an amount in its currency. `policyInput` turns them into the procedure's input, checked
 * by the shared schema, with each problem on the field to change.
 */
export interface UsageLimitValues {
  metric: string;
  limit: string;
  rule: UsageRule['kind'];
  unitPrice: string;
  currency: string;
  percent: string;
}

export interface PolicyFormValues {
  name: string;
  productId: string | null;
  planId: string | null;
  durationKind: 'FIXED' | 'SUBSCRIPTION';
  durationDays: string;
  machineMode: PolicyCreateInput['machineMode'];
  maxMachines: string;
  maxUsers: string;
  expirationStrategy: PolicyCreateInput['expirationStrategy'];
  checkInIntervalSeconds: string;
  heartbeatTtlSeconds: string;
  overageStrategy: NonNullable<PolicyCreateInput['overageStrategy']>;
  pastDueAction: PolicyCreateInput['pastDueAction'];
  usageLimits: UsageLimitValues[];
  entitlements: string[];
}

export const EMPTY_LIMIT: UsageLimitValues = {
  metric: '',
  limit: '',
  rule: 'BLOCK',
  unitPrice: '',
  currency: 'USD',
  percent: '150',
};

export const NEW_POLICY: PolicyFormValues = {
  name: '',
  productId: null,
  planId: null,
  durationKind: 'FIXED',
  durationDays: '365',
  machineMode: 'FLOATING',
  maxMachines: '5',
  maxUsers: '',
  expirationStrategy: 'RESTRICT',
  checkInIntervalSeconds: '',
  heartbeatTtlSeconds: '',
  overageStrategy: 'NONE',
  pastDueAction: 'OVERDUE',
  usageLimits: [],
  entitlements: [],
};

const text = (n: number | null) => (n === null ? '' : String(n));

/** A stored policy as the form shows it, for an edit. */
export function policyFormValues(p: PolicyRecord): PolicyFormValues {
  return {
    name: p.name,
    productId: p.productId,
    planId: p.planId,
    durationKind: p.durationKind,
    durationDays: text(p.durationDays),
    machineMode: p.machineMode,
    maxMachines: text(p.maxMachines),
    maxUsers: text(p.maxUsers),
    expirationStrategy: p.expirationStrategy,
    checkInIntervalSeconds: text(p.checkInIntervalSeconds),
    heartbeatTtlSeconds: text(p.heartbeatTtlSeconds),
    overageStrategy: p.overageStrategy,
    pastDueAction: p.pastDueAction,
    usageLimits: p.usageLimits.map((l) => ({
      ...EMPTY_LIMIT,
      metric: l.metric,
      limit: String(l.limit),
      rule: l.rule.kind,
      ...(l.rule.kind === 'BILL'
        ? { unitPrice: decimalAmount(l.rule.unitPrice, l.rule.currency), currency: l.rule.currency }
        : {}),
      ...(l.rule.kind === 'ALLOW_MULTIPLE' ? { percent: String(l.rule.percent) } : {}),
    })),
    entitlements: [...p.entitlements],
  };
}

/** An empty box is null; anything else is passed on as a number, or as typed so the schema names it. */
const numberOrNull = (value: string): number | null | string => {
  const t = value.trim();
  if (t === '') return null;
  return /^-?\d+$/.test(t) ? Number(t) : t;
};

export type PolicyReading =
  { ok: true; input: z.output<typeof policyCreateInput> } | { ok: false; errors: Record<string, string> };

/** The form's values as `licensePolicies.create`'s input, or the first problem per field. */
export function policyInput(values: PolicyFormValues): PolicyReading {
  const errors: Record<string, string> = {};
  const usageLimits = values.usageLimits.map((l, i) => {
    let rule: unknown = { kind: l.rule };
    if (l.rule === 'BILL') {
      const price = readAmount(l.unitPrice, l.currency || 'USD', { min: 1, label: 'Unit price' });
      if (!price.ok) errors[`usageLimits.${i}.unitPrice`] = price.error;
      rule = { kind: 'BILL', unitPrice: price.ok ? price.amount : 1, currency: l.currency };
    }
    if (l.rule === 'ALLOW_MULTIPLE') rule = { kind: 'ALLOW_MULTIPLE', percent: numberOrNull(l.percent) };
    return { metric: l.metric.trim(), limit: numberOrNull(l.limit), rule };
  });
  const parsed = policyCreateInput.safeParse({
    name: values.name,
    productId: values.productId ?? '',
    planId: values.planId,
    durationKind: values.durationKind,
    durationDays: values.durationKind === 'FIXED' ? numberOrNull(values.durationDays) : null,
    machineMode: values.machineMode,
    maxMachines: values.machineMode === 'FLOATING' ? numberOrNull(values.maxMachines) : null,
    maxUsers: numberOrNull(values.maxUsers),
    expirationStrategy: values.expirationStrategy,
    checkInIntervalSeconds: numberOrNull(values.checkInIntervalSeconds),
    heartbeatTtlSeconds: values.machineMode === 'NONE' ? null : numberOrNull(values.heartbeatTtlSeconds),
    overageStrategy: values.overageStrategy,
    pastDueAction: values.pastDueAction,
    usageLimits,
    entitlements: values.entitlements,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      // A rule's fields are typed into the limit's own boxes.
      const field = path.replace(/^usageLimits\.(\d+)\.rule\.percent$/, 'usageLimits.$1.percent');
      errors[field] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}
