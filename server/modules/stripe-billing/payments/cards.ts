import type { Transaction } from 'kysely';
import type Stripe from 'stripe';
import type { DB } from '../../../db/schema';
import {
  findCardByGatewayRef,
  findCustomerOfGateway,
  mirrorAttachedCard,
  mirrorDetachedCard,
} from '../../billing';
import type { StripeEventContext, StripeEventHandler } from '../../stripe-events';
import { stripeOf } from '../context';
import { applyInOrder, idOf, type Applied } from './in-order';
import { retryRecoveriesOfCustomer } from '../../recovery';

/**
 * How long a card Tollgate itself attached is left for that command to record. Its
 * attach reaches Stripe before the command saves the card, so the webhook may arrive
 * first; recording the card here too would collide with the command's own row. After
 * this long the command has clearly died, and the webhook records the card itself.
 */
export const OWN_ATTACH_GRACE_MS = 10 * 60_000;

/** Tollgate's own attach requests carry keys `attach:<customer>:<uuid>` (billing's addPaymentMethod). */
const isOwnAttach = (event: Stripe.Event) => event.request?.idempotency_key?.startsWith('attach:') ?? false;

/** Charges, with the new card, the invoices recovery is still trying to collect; a failure is logged, not thrown. */
function retryWithNewCard(context: StripeEventContext, customerId: string, paymentMethodId: string) {
  return async () => {
    const deps = {
      db: context.db,
      gateways: context.gateways,
      wallClock: context.clock,
      logger: context.logger,
    };
    try {
      await retryRecoveriesOfCustomer(deps, context.tenantId, customerId, { paymentMethodId });
    } catch (error) {
      // The card is saved either way; recovery's own schedule retries the invoices later.
      context.logger.warn(
        { customerId, paymentMethodId, err: error instanceof Error ? error.message : String(error) },
        'Retrying recovery with a card attached in Stripe failed',
      );
    }
  };
}

/**
 * Brings our copy of a Stripe card to the state `method` shows: attached to a customer
 * of ours (mirrored, and a new one retries their failed invoices), or detached (marked
 * detached, no longer default). Cards of customers that are not ours are ignored.
 */
async function applyCardState(
  context: StripeEventContext,
  event: Stripe.Event,
  trx: Transaction<DB>,
  now: number,
  method: Stripe.PaymentMethod,
): Promise<Applied> {
  const scope = { tenantId: context.tenantId, now };
  const customerRef = idOf(method.customer);
  if (!customerRef) {
    const changes = await mirrorDetachedCard(trx, scope, 'stripe', method.id);
    return { outcome: changes.length > 0 ? 'applied' : 'ignored', changes };
  }
  const customer = await findCustomerOfGateway(trx, context.tenantId, customerRef);
  if (!customer || !method.card) return { outcome: 'ignored', changes: [] };
  const known = await findCardByGatewayRef(trx, context.tenantId, 'stripe', method.id);
  if (!known && isOwnAttach(event) && now - event.created * 1000 < OWN_ATTACH_GRACE_MS) {
    throw new Error(`card ${method.id} is being saved by Tollgate itself; checking again later`);
  }
  const { brand, last4, exp_month: expMonth, exp_year: expYear } = method.card;
  const { added, changes } = await mirrorAttachedCard(trx, scope, 'stripe', customer, {
    gatewayRef: method.id,
    brand,
    last4,
    expMonth,
    expYear,
  });
  const saved = added ? await findCardByGatewayRef(trx, context.tenantId, 'stripe', method.id) : undefined;
  return {
    outcome: 'applied',
    changes,
    afterCommit: saved ? retryWithNewCard(context, customer.id, saved.id) : undefined,
  };
}

/** payment_method.attached / payment_method.detached: the card as the event shows it, ordered by the card's own versions. */
export const onPaymentMethod: StripeEventHandler = (context, event) => {
  const snapshot = event.data.object as Stripe.PaymentMethod;
  return applyInOrder(context, event, {
    action: `stripe.${event.type}`,
    objectId: snapshot.id,
    snapshot,
    fetchCurrent: () => stripeOf(context).paymentMethods.retrieve(snapshot.id),
    apply: (trx, now, method) => applyCardState(context, event, trx, now, method),
  });
};

/** setup_intent.succeeded: the card it saved, fetched from Stripe, mirrored like an attach. */
export const onSetupIntentSucceeded: StripeEventHandler = async (context, event) => {
  const intent = event.data.object as Stripe.SetupIntent;
  const methodId = idOf(intent.payment_method);
  if (!methodId) return 'ignored';
  const fetch = () => stripeOf(context).paymentMethods.retrieve(methodId);
  return applyInOrder(context, event, {
    action: `stripe.${event.type}`,
    objectId: methodId,
    snapshot: await fetch(),
    fetchCurrent: fetch,
    apply: (trx, now, method) => applyCardState(context, event, trx, now, method),
  });
};
