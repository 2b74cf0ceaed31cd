import type { Kysely, Transaction } from 'kysely';
import { newId } from '../../../../shared/ids';
import type { DB } from '../../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;
type Kind = DB['balance_transactions']['kind'];

/** The customer's credit balance in one currency: the sum of their ledger. */
export async function creditBalance(
  db: Db,
  tenantId: string,
  customerId: string,
  currency: string,
): Promise<number> {
  const row = await db
    .selectFrom('balance_transactions')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total'))
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('currency', '=', currency)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** Every currency the customer holds credit in, with the amount. */
export async function creditBalances(
  db: Db,
  tenantId: string,
  customerId: string,
): Promise<{ currency: string; amount: number }[]> {
  const rows = await db
    .selectFrom('balance_transactions')
    .select(['currency', (eb) => eb.fn.sum<number>('amount').as('amount')])
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .groupBy('currency')
    .orderBy('currency')
    .execute();
  return rows.map((r) => ({ currency: r.currency, amount: Number(r.amount) }));
}

export async function recordBalanceChange(
  db: Db,
  tenantId: string,
  entry: {
    customerId: string;
    amount: number;
    currency: string;
    kind: Kind;
    invoiceId: string | null;
    description: string;
  },
  now: number,
): Promise<void> {
  if (entry.amount === 0) return;
  await db
    .insertInto('balance_transactions')
    .values({
      id: newId('btx', now),
      tenant_id: tenantId,
      customer_id: entry.customerId,
      amount: entry.amount,
      currency: entry.currency,
      kind: entry.kind,
      invoice_id: entry.invoiceId,
      description: entry.description,
      created_at: now,
    })
    .execute();
}

export async function balanceHistory(db: Db, tenantId: string, customerId: string, limit = 100) {
  return db
    .selectFrom('balance_transactions')
    .select([
      'id',
      'amount',
      'currency',
      'kind',
      'invoice_id as invoiceId',
      'description',
      'created_at as createdAt',
    ])
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
