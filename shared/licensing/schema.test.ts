import { describe, expect, it } from 'vitest';
import { licenseIssueInput, policyCreateInput, policyUpdateInput, usageLimitList } from './schema';

const base = {
  name: 'Team',
  productId: 'prd_01JABCDEFGHJKMNPQRSTVWXYZ0',
  durationKind: 'FIXED',
  durationDays: 365,
  machineMode: 'FLOATING',
  expirationStrategy: 'RESTRICT',
  pastDueAction: 'OVERDUE',
} as const;

/** The first issue's field path and message, as the console shows it beside the field. */
function firstIssue(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  expect(result.success).toBe(false);
  const issue = result.error?.issues[0];
  return { path: issue?.path.join('.'), message: issue?.message };
}

describe('policy inputs', () => {
  it('fill the optional fields with their defaults', () => {
    expect(policyCreateInput.parse(base)).toMatchObject({
      planId: null,
      maxMachines: null,
      maxUsers: null,
      overageStrategy: 'NONE',
      usageLimits: [],
      entitlements: [],
    });
  });

  it('name the field a rule between fields concerns', () => {
    expect(firstIssue(policyCreateInput.safeParse({ ...base, durationDays: null }))).toEqual({
      path: 'durationDays',
      message: 'A FIXED duration needs its days',
    });
    expect(
      firstIssue(policyCreateInput.safeParse({ ...base, machineMode: 'NODE_LOCKED', maxMachines: 2 })).path,
    ).toBe('maxMachines');
    expect(policyCreateInput.safeParse({ ...base, machineMode: 'NODE_LOCKED', maxMachines: 1 }).success).toBe(
      true,
    );
    expect(firstIssue(policyCreateInput.safeParse({ ...base, maxUsers: 1.5 })).message).toBe(
      'Max users must be a whole number',
    );
  });

  it('check usage limits: metric names, repeats, BILL prices and currencies, ALLOW_MULTIPLE above 100 %', () => {
    const limit = (metric: string, rule: unknown) => [{ metric, limit: 10, rule }];
    expect(firstIssue(usageLimitList.safeParse(limit('API calls', { kind: 'BLOCK' }))).path).toBe('0.metric');
    expect(
      firstIssue(
        usageLimitList.safeParse([...limit('a', { kind: 'BLOCK' }), ...limit('a', { kind: 'BLOCK' })]),
      ),
    ).toEqual({ path: '1.metric', message: 'Metric a is listed twice' });
    const bill = (unitPrice: unknown, currency: string) =>
      usageLimitList.safeParse(limit('a', { kind: 'BILL', unitPrice, currency }));
    expect(bill(25, 'EUR').success).toBe(true);
    expect(firstIssue(bill(0, 'EUR')).message).toBe('Unit price must be more than 0');
    expect(firstIssue(bill(2.5, 'EUR')).path).toBe('0.rule.unitPrice');
    expect(firstIssue(bill(25, 'eur')).path).toBe('0.rule.currency');
    expect(firstIssue(bill(25, 'ABC')).path).toBe('0.rule.currency');
    const multiple = (percent: number) =>
      usageLimitList.safeParse(limit('a', { kind: 'ALLOW_MULTIPLE', percent }));
    expect(firstIssue(multiple(100)).message).toBe('Percent must be over 100 (100 % is BLOCK)');
    expect(multiple(150).success).toBe(true);
  });

  it('take an edit of any field but the product, and refuse an empty one', () => {
    const edit = (patch: unknown) =>
      policyUpdateInput.safeParse({ id: 'lpo_01JABCDEFGHJKMNPQRSTVWXYZ0', expectedVersion: 1, patch });
    expect(edit({ maxUsers: 5 }).success).toBe(true);
    expect(firstIssue(edit({})).message).toBe('Nothing to change');
    expect(edit({ productId: base.productId }).success).toBe(false);
  });
});

describe('license inputs', () => {
  it('refuse repeated entitlements and a customer id of another kind', () => {
    const issue = (over: object) =>
      licenseIssueInput.safeParse({
        customerId: 'cus_01JABCDEFGHJKMNPQRSTVWXYZ0',
        policyId: 'lpo_01JABCDEFGHJKMNPQRSTVWXYZ0',
        name: 'Campus',
        ...over,
      });
    expect(issue({})).toMatchObject({ success: true, data: { subscriptionId: null, entitlements: [] } });
    expect(firstIssue(issue({ entitlements: ['a', 'a'] })).message).toBe('Entitlements must not repeat');
    expect(firstIssue(issue({ customerId: 'sub_01JABCDEFGHJKMNPQRSTVWXYZ0' })).message).toBe(
      'Customer id must look like cus_…',
    );
  });
});
