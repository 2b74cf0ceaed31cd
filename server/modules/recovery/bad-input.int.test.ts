import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RECOVERY_POLICY } from '../../../shared/billing/recovery-schema';
import { createBillingWorld, FAILING_CARD, type BillingWorld } from '../../testing/billing.test-kit';
import { clientError } from '../../testing/errors.test-kit';
import { everyTableRows } from '../../testing/table-contents.test-kit';
import { failingSubscriber, manager } from './recovery.test-kit';

/** Bad input to every recovery procedure: refused with the field named and a clear message, nothing written. */

let world: BillingWorld;
let invoiceId: string;
beforeAll(async () => {
  world = await createBillingWorld();
  ({ invoiceId } = await failingSubscriber(world, 'Valid Vic', FAILING_CARD));
});
afterAll(async () => {
  await world?.close();
});

type Caller = ReturnType<BillingWorld['as']>;
const policy = (patch: Record<string, unknown>) => ({ ...DEFAULT_RECOVERY_POLICY, ...patch }) as never;

const CASES: [string, (c: Caller) => Promise<unknown>, string, RegExp][] = [
  [
    'list: unknown status',
    (c) => c.recovery.list({ status: 'lost' as never }),
    'status',
    /Status must be one of/,
  ],
  ['list: not a customer id', (c) => c.recovery.list({ customerId: 'bob' }), 'customerId', /Customer id/],
  ['list: broken cursor', (c) => c.recovery.list({ cursor: 'not-a-cursor' }), 'cursor', /cursor/],
  ['list: limit 0', (c) => c.recovery.list({ limit: 0 }), 'limit', /./],
  ['stats: 0 months', (c) => c.recovery.stats({ months: 0 }), 'months', /Months must be at least 1/],
  ['stats: 40 months', (c) => c.recovery.stats({ months: 40 }), 'months', /at most 36/],
  ['stats: half a month', (c) => c.recovery.stats({ months: 1.5 }), 'months', /whole number/],
  [
    'updatePolicy: base under an hour',
    (c) => c.recovery.updatePolicy(policy({ retryBaseHours: 0 })),
    'retryBaseHours',
    /at least 1 hour/,
  ],
  [
    'updatePolicy: factor below 1',
    (c) => c.recovery.updatePolicy(policy({ backoffFactor: 0.5 })),
    'backoffFactor',
    /at least 1/,
  ],
  [
    'updatePolicy: factor with three decimals',
    (c) => c.recovery.updatePolicy(policy({ backoffFactor: 1.255 })),
    'backoffFactor',
    /two decimals/,
  ],
  [
    'updatePolicy: eleven attempts',
    (c) => c.recovery.updatePolicy(policy({ maxAttempts: 11 })),
    'maxAttempts',
    /at most 10/,
  ],
  [
    'updatePolicy: negative grace',
    (c) => c.recovery.updatePolicy(policy({ graceDays: -1 })),
    'graceDays',
    /cannot be negative/,
  ],
  [
    'updatePolicy: unknown final action',
    (c) => c.recovery.updatePolicy(policy({ finalAction: 'delete' })),
    'finalAction',
    /cancel or unpaid/,
  ],
  [
    'updatePolicy: missing field',
    (c) => c.recovery.updatePolicy({ ...DEFAULT_RECOVERY_POLICY, graceDays: undefined } as never),
    'graceDays',
    /number of days/,
  ],
  ['retryNow: not an invoice id', (c) => c.recovery.retryNow({ invoiceId: 'INV-1' }), 'invoiceId', /inv_/],
  ['retryNow: unknown field', (c) => c.recovery.retryNow({ invoiceId, force: true } as never), 'force', /./],
  ['pauseCustomer: missing id', (c) => c.recovery.pauseCustomer({} as never), 'customerId', /./],
  [
    'resumeCustomer: not an id',
    (c) => c.recovery.resumeCustomer({ customerId: 42 as never }),
    'customerId',
    /text/,
  ],
  [
    'markPaidOutOfBand: not an id',
    (c) => c.recovery.markPaidOutOfBand({ invoiceId: 'inv_1' }),
    'invoiceId',
    /inv_/,
  ],
];

describe('bad input to recovery procedures', () => {
  for (const [label, call, field, message] of CASES) {
    it(`${label} → an error naming ${field}, nothing written`, async () => {
      const before = await everyTableRows(world.database);
      const seen = await clientError(() => call(manager(world)));
      expect(seen.data.domainCode, seen.message).toBe('INVALID_INPUT');
      expect(Object.keys(seen.data.fieldErrors ?? {}), seen.message).toContain(field);
      expect(JSON.stringify(seen.data.fieldErrors), seen.message).toMatch(message);
      expect(await everyTableRows(world.database)).toEqual(before);
    });
  }
});
