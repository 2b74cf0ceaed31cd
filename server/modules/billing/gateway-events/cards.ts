import type { Kysely, Transaction } from 'kysely';
import { newId } from '../../../../shared/ids';
import type { EntityChange } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import type { AttachedPaymentMethod, GatewayName } from '../../../gateways/types';
import { findBillingCustomer, setDefaultPaymentMethod, type BillingCustomer } from '../repo/customer-billing';
import { insertPaymentMethod, markDetached, toPaymentMethod } from '../repo/payment-methods';
import { subscriptionsOfCustomer } from '../repo/subscriptions';
import { amend, persist } from '../transitions';

type Db = Kysely<DB> | Transaction<DB>;
type Scope = { tenantId: string; now: number };

/** Our customer behind a gateway customer id, if any. */
export async function findCustomerOfGateway(
  db: Db,
  tenantId: string,
  gatewayCustomerRef: string,
): Promise<BillingCustomer | undefined> {
  const row = await db
    .selectFrom('customers')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('gateway_customer_ref', '=', gatewayCustomerRef)
    .executeTakeFirst();
  return row && findBillingCustomer(db, tenantId, row.id);
}

/** A saved card by the gateway's id for it, whatever its status. */
export async function findCardByGatewayRef(
  db: Db,
  tenantId: string,
  gateway: GatewayName,
  gatewayRef: string,
) {
  return db
    .selectFrom('payment_methods')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('gateway', '=', gateway)
    .where('gateway_ref', '=', gatewayRef)
    .executeTakeFirst();
}

/**
 * Mirrors a card attached to `customer` at the gateway (in its dashboard, a customer
 * portal, a SetupIntent): only brand, last four and expiry are kept. A card we know keeps
 * its row (its expiry refreshed); a detached one stays detached, since a gateway never
 * attaches a detached card again. The customer's first card becomes their default, as
 * when staff add one. `added` says whether the customer has a new card to charge.
 */
export async function mirrorAttachedCard(
  trx: Transaction<DB>,
  scope: Scope,
  gateway: GatewayName,
  customer: BillingCustomer,
  card: AttachedPaymentMethod,
): Promise<{ added: boolean; changes: EntityChange[] }> {
  const known = await findCardByGatewayRef(trx, scope.tenantId, gateway, card.gatewayRef);
  if (known) {
    const same =
      known.brand === card.brand &&
      known.last4 === card.last4 &&
      known.exp_month === card.expMonth &&
      known.exp_year === card.expYear;
    if (same || known.status === 'detached' || known.customer_id !== customer.id)
      return { added: false, changes: [] };
    await trx
      .updateTable('payment_methods')
      .set({ brand: card.brand, last4: card.last4, exp_month: card.expMonth, exp_year: card.expYear })
      .where('tenant_id', '=', scope.tenantId)
      .where('id', '=', known.id)
      .execute();
    const before = toPaymentMethod(known, customer.defaultPaymentMethodId);
    const after = {
      ...before,
      brand: card.brand,
      last4: card.last4,
      expMonth: card.expMonth,
      expYear: card.expYear,
    };
    return {
      added: false,
      changes: [{ entityType: 'payment_method', entityId: known.id, before: { ...before }, after }],
    };
  }
  const record = {
    id: newId('pm', scope.now),
    customerId: customer.id,
    gateway,
    gatewayRef: card.gatewayRef,
    brand: card.brand,
    last4: card.last4,
    expMonth: card.expMonth,
    expYear: card.expYear,
    status: 'active' as const,
    createdAt: scope.now,
  };
  await insertPaymentMethod(trx, scope.tenantId, record);
  const isDefault = customer.defaultPaymentMethodId === null;
  if (isDefault) await setDefaultPaymentMethod(trx, scope.tenantId, customer.id, record.id);
  return {
    added: true,
    changes: [
      { entityType: 'payment_method', entityId: record.id, before: null, after: { ...record, isDefault } },
    ],
  };
}

/**
 * A card detached at the gateway: marked detached (kept for the payments that used it),
 * no longer the customer's default, and no subscription names it any more.
 */
export async function mirrorDetachedCard(
  trx: Transaction<DB>,
  scope: Scope,
  gateway: GatewayName,
  gatewayRef: string,
): Promise<EntityChange[]> {
  const known = await findCardByGatewayRef(trx, scope.tenantId, gateway, gatewayRef);
  if (!known || known.status === 'detached') return [];
  const customer = await findBillingCustomer(trx, scope.tenantId, known.customer_id);
  const defaultId = customer?.defaultPaymentMethodId ?? null;
  await markDetached(trx, scope.tenantId, known.id, scope.now);
  if (defaultId === known.id) await setDefaultPaymentMethod(trx, scope.tenantId, known.customer_id, null);
  const before = toPaymentMethod(known, defaultId);
  const changes: EntityChange[] = [
    {
      entityType: 'payment_method',
      entityId: known.id,
      before: { ...before },
      after: { ...before, status: 'detached', isDefault: false },
    },
  ];
  for (const s of await subscriptionsOfCustomer(trx, scope.tenantId, known.customer_id)) {
    if (s.paymentMethodId === known.id)
      changes.push(await persist(trx, scope.tenantId, s, amend(s, { paymentMethodId: null }, scope.now)));
  }
  return changes;
}

/** Makes a card the customer's default when the gateway names it so and it is one of theirs we hold. */
export async function mirrorDefaultCard(
  trx: Transaction<DB>,
  scope: Scope,
  gateway: GatewayName,
  customer: BillingCustomer,
  gatewayRef: string,
): Promise<EntityChange[]> {
  const known = await findCardByGatewayRef(trx, scope.tenantId, gateway, gatewayRef);
  const usable = known && known.status === 'active' && known.customer_id === customer.id;
  if (!usable || customer.defaultPaymentMethodId === known.id) return [];
  await setDefaultPaymentMethod(trx, scope.tenantId, customer.id, known.id);
  return [
    {
      entityType: 'payment_method',
      entityId: known.id,
      before: { ...toPaymentMethod(known, customer.defaultPaymentMethodId) },
      after: { ...toPaymentMethod(known, known.id) },
    },
  ];
}
