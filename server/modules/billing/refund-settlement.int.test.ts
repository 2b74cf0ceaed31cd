import type {
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import type { DB } from '../../db/schema';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../testing/billing.test-kit';
import { recordGatewayRefunds } from './gateway-events/refunds';
import { settleRefund } from './refund-settlement';
import { findPayment, findRefund, insertRefund } from './repo/payments';
import type { Payment, Refund } from './types';

let world: BillingWorld;
let statements: string[];
/** The world's database, through a second query builder that keeps every statement it runs. */
let recorded: Kysely<DB>;

beforeEach(async () => {
  world = await createBillingWorld();
  statements = [];
  const db = world.database.db;
  recorded = db.withPlugin(
    new StatementRecorder((node, queryId) => db.getExecutor().compileQuery(node, queryId).sql),
  );
});
afterEach(async () => {
  await world.close();
});

async function paidPayment(): Promise<Payment> {
  const { customerId } = await world.customerOnClock('Payer', GOOD_CARD);
  const started = await world.as('billingA').subscriptions.create({
    customerId,
    priceId: world.catalog.prices.enterpriseMonthlyUsd,
    trialDays: 0,
  });
  const paid = started.payment && 'payment' in started.payment ? started.payment.payment : null;
  if (!paid) throw new Error('expected a paid first invoice');
  const payment = await findPayment(world.database.db, world.tenants.A.id, paid.id);
  if (!payment) throw new Error('the payment is not stored');
  return payment;
}

/** A refund Tollgate asked the gateway for and has no answer to yet. */
async function pendingRefund(payment: Payment, amount: number): Promise<Refund> {
  const now = world.clock.now();
  const id = newId('re', now);
  const refund: Refund = {
    id,
    paymentId: payment.id,
    invoiceId: payment.invoiceId,
    customerId: payment.customerId,
    amount,
    currency: payment.currency,
    reason: 'duplicate',
    status: 'pending',
    idempotencyKey: `refund:${id}`,
    gatewayRef: null,
    failureMessage: null,
    createdAt: now,
    updatedAt: now,
  };
  await insertRefund(world.database.db, world.tenants.A.id, refund);
  return refund;
}

/** Keeps the SQL text of every statement run through it, as the database's own dialect writes it. */
class StatementRecorder implements KyselyPlugin {
  constructor(
    readonly compile: (node: RootOperationNode, queryId: PluginTransformQueryArgs['queryId']) => string,
  ) {}

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    statements.push(this.compile(node, queryId));
    return node;
  }

  transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(result);
  }
}

/** Writes to the tables a settlement touches that do not say which tenant they are for. */
function unscopedWrites(): string[] {
  return statements.filter(
    (s) =>
      /^(update|delete from) "(refunds|payments|invoices)"/.test(s) && !/"tenant_id" = (\?|\$\d+)/.test(s),
  );
}

describe('refund settlement', () => {
  it('settles and books a refund for its own tenant only: scoped to another, it changes nothing', async () => {
    const payment = await paidPayment();
    const refund = await pendingRefund(payment, 2500);
    const answer = { status: 'succeeded', gatewayRef: 're_gw_1', failureMessage: null } as const;
    const elsewhere = { tenantId: world.tenants.B.id, now: world.clock.now() };
    expect(
      await recorded.transaction().execute((trx) => settleRefund(trx, elsewhere, refund, answer, 'gateway')),
    ).toBeNull();
    expect(await findRefund(world.database.db, world.tenants.A.id, refund.id)).toMatchObject({
      status: 'pending',
    });
    expect(await findPayment(world.database.db, world.tenants.A.id, payment.id)).toMatchObject({
      amountRefunded: 0,
    });

    const home = { tenantId: world.tenants.A.id, now: world.clock.now() };
    const change = await recorded
      .transaction()
      .execute((trx) => settleRefund(trx, home, refund, answer, 'command'));
    expect(change?.after).toMatchObject({ status: 'succeeded', gatewayRef: 're_gw_1' });
    expect(await findPayment(world.database.db, world.tenants.A.id, payment.id)).toMatchObject({
      amountRefunded: 2500,
    });
    const { invoice } = await world.as('billingA').invoices.get({ id: payment.invoiceId });
    expect(invoice.amountRefunded).toBe(2500);
    expect(unscopedWrites()).toEqual([]);
  });

  it('the gateway’s report settles our refund in flight and records one made elsewhere, every write scoped', async () => {
    const payment = await paidPayment();
    const ours = await pendingRefund(payment, 1000);
    const scope = { tenantId: world.tenants.A.id, now: world.clock.now() };
    const changes = await recorded.transaction().execute((trx) =>
      recordGatewayRefunds(trx, scope, payment, [
        { gatewayRef: 're_ours', amount: 1000, currency: 'usd', reason: null, status: 'succeeded' },
        { gatewayRef: 're_dashboard', amount: 500, currency: 'usd', reason: null, status: 'succeeded' },
      ]),
    );
    expect(changes.map((c) => c.after)).toMatchObject([
      { id: ours.id, status: 'succeeded', gatewayRef: 're_ours' },
      { status: 'succeeded', gatewayRef: 're_dashboard', reason: 'requested_by_customer' },
    ]);
    expect(await findPayment(world.database.db, world.tenants.A.id, payment.id)).toMatchObject({
      amountRefunded: 1500,
    });
    expect(statements.some((s) => s.startsWith('update "refunds"'))).toBe(true);
    expect(unscopedWrites()).toEqual([]);
  });
});
