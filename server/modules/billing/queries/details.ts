import type { Kysely } from 'kysely';
import { allowedCommands, STAFF_COMMANDS } from '../../../../shared/billing/subscription-machine';
import { cardText } from '../../../../shared/card-brands';
import type { DB } from '../../../db/schema';
import { notFound } from '../../../lib/errors';
import { usualCurrency } from '../customer-currency';
import { creditBalances, balanceHistory } from '../repo/balance';
import { findBillingCustomer } from '../repo/customer-billing';
import { disputesOfInvoice } from '../gateway-events';
import { recovery } from '../recovery-port';
import { eventsOfSubject } from '../repo/events';
import { findInvoice, invoiceLines } from '../repo/invoices';
import { paymentMethodsOfCustomer, toPaymentMethod } from '../repo/payment-methods';
import { paymentsOfInvoice, refundsOfInvoice } from '../repo/payments';
import { billablePrice } from '../repo/prices';
import { findSubscription, subscriptionsOfCustomer } from '../repo/subscriptions';
import { findTestClock } from '../repo/test-clocks';
import { listInvoices } from './list-invoices';
import { listPayments } from './list-payments';
import { refundsOfCustomer } from './customer-refunds';

async function customerCard(db: Kysely<DB>, tenantId: string, customerId: string) {
  const customer = await findBillingCustomer(db, tenantId, customerId);
  if (!customer) throw notFound('Customer');
  const clock = customer.testClockId ? await findTestClock(db, tenantId, customer.testClockId) : undefined;
  return {
    id: customer.id,
    name: customer.name,
    email: customer.email,
    status: customer.status,
    testClock: clock ?? null,
  };
}

/** A Stripe-managed subscription's Stripe id and the last staff request sent to Stripe for it. */
async function stripeState(db: Kysely<DB>, tenantId: string, id: string) {
  const [row, request] = await Promise.all([
    db
      .selectFrom('subscriptions')
      .select('gateway_ref')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst(),
    db
      .selectFrom('stripe_subscription_requests')
      .select(['action', 'status', 'error', 'requested_at', 'requested_by'])
      .where('tenant_id', '=', tenantId)
      .where('subscription_id', '=', id)
      .orderBy('requested_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst(),
  ]);
  const lastRequest = request
    ? {
        action: request.action,
        status: request.status,
        error: request.error,
        requestedAt: request.requested_at,
        requestedBy: request.requested_by,
      }
    : null;
  return {
    ref: row?.gateway_ref ?? null,
    lastRequest,
    waiting: lastRequest?.status === 'sending' || lastRequest?.status === 'sent',
  };
}

/** A subscription with what its page shows: customer, prices, invoices, history and the actions allowed now. */
export async function subscriptionDetail(db: Kysely<DB>, tenantId: string, id: string) {
  const subscription = await findSubscription(db, tenantId, id);
  if (!subscription) throw notFound('Subscription');
  const [customer, price, pendingPrice, invoices, events] = await Promise.all([
    customerCard(db, tenantId, subscription.customerId),
    billablePrice(db, tenantId, subscription.priceId),
    subscription.pendingPriceId
      ? billablePrice(db, tenantId, subscription.pendingPriceId)
      : Promise.resolve(undefined),
    listInvoices(db, tenantId, {
      subscriptionId: id,
      search: '',
      limit: 50,
      status: null,
      customerId: null,
      cursor: null,
    }),
    eventsOfSubject(db, tenantId, id, 50),
  ]);
  const stripe = subscription.managedBy === 'stripe' ? await stripeState(db, tenantId, id) : null;
  // While Stripe has not confirmed a request, another would race it: staff wait for the answer.
  const actions = stripe?.waiting
    ? []
    : allowedCommands(
        { status: subscription.status, cancelAtPeriodEnd: subscription.cancelAtPeriodEnd },
        STAFF_COMMANDS,
      );
  return {
    subscription,
    stripe,
    customer,
    price: price ?? null,
    pendingPrice: pendingPrice ?? null,
    invoices: invoices.items,
    events,
    actions,
    /** The failed invoice whose recovery ends access soonest: its next retry and grace end. */
    recovery: await recovery().recoveryOfSubscription(db, tenantId, id),
  };
}

/** An invoice with its lines, payments (and the card each used), refunds and disputes. */
export async function invoiceDetail(db: Kysely<DB>, tenantId: string, id: string) {
  const invoice = await findInvoice(db, tenantId, id);
  if (!invoice) throw notFound('Invoice');
  const [customer, lines, payments, refunds, disputes] = await Promise.all([
    customerCard(db, tenantId, invoice.customerId),
    invoiceLines(db, tenantId, id),
    paymentsOfInvoice(db, tenantId, id),
    refundsOfInvoice(db, tenantId, id),
    disputesOfInvoice(db, tenantId, id),
  ]);
  const methods = await paymentMethodsOfCustomer(db, tenantId, invoice.customerId);
  const methodLabel = (methodId: string | null) => {
    const m = methods.find((x) => x.id === methodId);
    return m ? cardText(m.brand, m.last4) : null;
  };
  return {
    invoice,
    customer,
    lines,
    payments: payments.map((p) => ({
      ...p,
      method: methodLabel(p.paymentMethodId),
      refundable: p.status === 'succeeded' ? p.amount - p.amountRefunded : 0,
    })),
    refunds,
    disputes,
    recovery: await recovery().recoveryOfInvoice(db, tenantId, id),
  };
}

/** Everything billing knows about one customer, for the customer page. */
export async function customerBillingSummary(db: Kysely<DB>, tenantId: string, customerId: string) {
  const customer = await customerCard(db, tenantId, customerId);
  const billing = await findBillingCustomer(db, tenantId, customerId);
  const [subscriptions, methods, balances, balanceLog, invoices, payments, refunds, currency] =
    await Promise.all([
      subscriptionsOfCustomer(db, tenantId, customerId),
      paymentMethodsOfCustomer(db, tenantId, customerId),
      creditBalances(db, tenantId, customerId),
      balanceHistory(db, tenantId, customerId, 20),
      listInvoices(db, tenantId, {
        customerId,
        search: '',
        limit: 20,
        status: null,
        subscriptionId: null,
        cursor: null,
      }),
      listPayments(db, tenantId, { customerId, search: '', limit: 20, status: null, cursor: null }),
      refundsOfCustomer(db, tenantId, customerId, 20),
      usualCurrency(db, tenantId, customerId),
    ]);
  const prices = await Promise.all(subscriptions.map((s) => billablePrice(db, tenantId, s.priceId)));
  return {
    customer,
    subscriptions: subscriptions.map((s, i) => ({
      ...s,
      planName: prices[i]?.planName ?? '',
      interval: prices[i]?.interval ?? 'month',
      unitAmount: prices[i]?.amount ?? 0,
    })),
    paymentMethods: methods.map((m) => toPaymentMethod(m, billing?.defaultPaymentMethodId ?? null)),
    balances,
    balanceLog,
    invoices: invoices.items,
    payments: payments.items,
    refunds,
    /** The currency to bill them in first: their subscriptions', else their latest invoice's (null: none yet). */
    usualCurrency: currency,
  };
}
