import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { money } from '../../../shared/money';
import { openDatabase, type AppDatabase } from '../../db/connection';
import { ManualClock } from '../../lib/clock';
import { GatewayError, type PaymentGateway } from '../types';
import { createSandboxGateway } from './sandbox-gateway';

const TEST_CARDS = [
  '4242 4242 4242 4242',
  '4000 0000 0000 0002',
  '4000 0000 0000 9995',
  '4000 0000 0000 0341',
  '4000 0027 6000 3184',
  '4000 0000 0000 0069',
  '4000 0000 0000 0127',
  '4000 0000 0000 0119',
  '4000 0000 0000 9979',
  '4000 0000 0000 9987',
  '4100 0000 0000 0019',
  '5555 5555 5555 4444',
  '3782 822463 10005',
  '4012-8888-8888-1881',
];
const digitsOf = (card: string) => card.replace(/\D/g, '');

let database: AppDatabase;
let gateway: PaymentGateway;

beforeEach(() => {
  database = openDatabase({ path: ':memory:' });
  gateway = createSandboxGateway({
    db: database.db,
    tenantId: 'ten_A',
    clock: new ManualClock(Date.UTC(2026, 4, 1)),
  });
});
afterEach(() => database.close());

/** Every value of every text column of every table, as one list. */
function everyStoredText(): string[] {
  const tables = database.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  return tables.flatMap(({ name }) =>
    (database.sqlite.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]).flatMap((row) =>
      Object.values(row).filter((value): value is string => typeof value === 'string'),
    ),
  );
}

describe('card numbers given to the sandbox', () => {
  it('appear nowhere in the database after saving and charging them, not even digit by digit', async () => {
    const { gatewayCustomerId } = await gateway.createCustomer(
      { customerId: 'c', email: 'a@example.com', name: 'A' },
      'c',
    );
    for (const [index, card] of TEST_CARDS.entries()) {
      try {
        const { gatewayRef } = await gateway.attachPaymentMethod(
          { gatewayCustomerId, source: card },
          `attach-${index}`,
        );
        await gateway.charge(
          {
            gatewayCustomerId,
            paymentMethodRef: gatewayRef,
            amount: money(1000, 'USD'),
            description: 'd',
            metadata: {},
          },
          `charge-${index}`,
        );
      } catch (error) {
        if (!(error instanceof GatewayError) || error.kind !== 'card') throw error;
      }
    }
    const stored = everyStoredText();
    expect(stored.length).toBeGreaterThan(TEST_CARDS.length);
    const compact = stored.map((text) => text.replace(/[\s-]/g, ''));
    for (const card of TEST_CARDS) {
      expect(
        compact.filter((text) => text.includes(digitsOf(card))),
        card,
      ).toEqual([]);
      expect(
        stored.filter((text) => text.includes(card)),
        card,
      ).toEqual([]);
    }
  });
});
