import { describe, expect, it } from 'vitest';
import { EMPTY_LIMIT, NEW_POLICY, policyInput } from './policy-form-values';

const PRODUCT = 'prd_01JABCDEFGHJKMNPQRSTVWXYZ0';

describe('the policy form', () => {
  it('reads empty boxes as none, a billed unit price in its currency, and drops what the mode ignores', () => {
    const reading = policyInput({
      ...NEW_POLICY,
      name: 'Campus',
      productId: PRODUCT,
      machineMode: 'NONE',
      maxMachines: '5',
      heartbeatTtlSeconds: '60',
      usageLimits: [
        {
          ...EMPTY_LIMIT,
          metric: 'api_calls',
          limit: '1000',
          rule: 'BILL',
          unitPrice: '0.25',
          currency: 'EUR',
        },
      ],
    });
    expect(reading).toMatchObject({
      ok: true,
      input: {
        name: 'Campus',
        durationDays: 365,
        maxMachines: null,
        maxUsers: null,
        heartbeatTtlSeconds: null,
        usageLimits: [
          { metric: 'api_calls', limit: 1000, rule: { kind: 'BILL', unitPrice: 25, currency: 'EUR' } },
        ],
      },
    });
  });

  it('puts each problem on the field to change, limits included', () => {
    const reading = policyInput({
      ...NEW_POLICY,
      productId: null,
      maxUsers: '2.5',
      usageLimits: [
        { ...EMPTY_LIMIT, metric: 'Course Hours', limit: '10' },
        { ...EMPTY_LIMIT, metric: 'x', limit: '10', rule: 'ALLOW_MULTIPLE', percent: '90' },
        { ...EMPTY_LIMIT, metric: 'y', limit: '10', rule: 'BILL', unitPrice: 'abc' },
      ],
    });
    expect(reading.ok).toBe(false);
    const errors = reading.ok ? {} : reading.errors;
    expect(Object.keys(errors).sort()).toEqual([
      'maxUsers',
      'name',
      'productId',
      'usageLimits.0.metric',
      'usageLimits.1.percent',
      'usageLimits.2.unitPrice',
    ]);
    expect(errors['usageLimits.1.percent']).toMatch(/over 100/);
  });

  it('names a rule between fields once the fields themselves are right', () => {
    const reading = policyInput({ ...NEW_POLICY, name: 'Campus', productId: PRODUCT, durationDays: '' });
    expect(reading).toEqual({ ok: false, errors: { durationDays: 'A FIXED duration needs its days' } });
  });
});
