import type { Transaction } from 'kysely';
import type Stripe from 'stripe';
import { customerEmail, customerName } from '../../../../shared/customers/schema';
import type { EntityChange } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import { DomainError } from '../../../lib/errors';
import { findCustomerOfGateway, mirrorDefaultCard } from '../../billing';
import { patchCustomer } from '../../customers';
import type { StripeEventHandler } from '../../stripe-events';
import { stripeOf } from '../context';
import { applyInOrder, idOf } from './in-order';

/** The name and email Stripe holds, where they are valid and differ from ours. */
function patchFrom(
  stripeCustomer: Stripe.Customer,
  ours: { name: string; email: string },
): { name?: string; email?: string } {
  const name = customerName.safeParse(stripeCustomer.name ?? '');
  const email = customerEmail.safeParse(stripeCustomer.email ?? '');
  return {
    ...(name.success && name.data !== ours.name && { name: name.data }),
    ...(email.success && email.data !== ours.email && { email: email.data }),
  };
}

/** Applies the patch through the customers service (versions, search index); an email another customer holds is left as ours. */
async function patchLocalCustomer(
  trx: Transaction<DB>,
  tenantId: string,
  id: string,
  patch: { name?: string; email?: string },
  now: number,
): Promise<EntityChange[]> {
  const row = await trx
    .selectFrom('customers')
    .select('version')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const apply = async (p: typeof patch) =>
    Object.keys(p).length === 0
      ? []
      : (await patchCustomer(trx, tenantId, { id, expectedVersion: row.version, patch: p }, now)).changes;
  try {
    return await apply(patch);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'CONFLICT' || patch.email === undefined)
      throw error;
    const { email: _taken, ...rest } = patch;
    return apply(rest);
  }
}

/**
 * customer.updated: our customer behind the Stripe customer takes its name and email,
 * and its default card from invoice_settings.default_payment_method when that is one of
 * their cards we hold. Archived customers and customers that are not ours are left alone.
 */
export const onCustomerUpdated: StripeEventHandler = (context, event) => {
  const snapshot = event.data.object as Stripe.Customer;
  return applyInOrder(context, event, {
    action: `stripe.${event.type}`,
    objectId: snapshot.id,
    snapshot,
    async fetchCurrent() {
      const current = await stripeOf(context).customers.retrieve(snapshot.id);
      // A customer deleted since: nothing of it to apply but what the event showed.
      return current.deleted ? snapshot : current;
    },
    async apply(trx, now, stripeCustomer) {
      const ours = await findCustomerOfGateway(trx, context.tenantId, stripeCustomer.id);
      if (!ours || ours.status !== 'active') return { outcome: 'ignored', changes: [] };
      const changes = await patchLocalCustomer(
        trx,
        context.tenantId,
        ours.id,
        patchFrom(stripeCustomer, ours),
        now,
      );
      const defaultRef = idOf(stripeCustomer.invoice_settings?.default_payment_method);
      if (defaultRef) {
        const scope = { tenantId: context.tenantId, now };
        changes.push(...(await mirrorDefaultCard(trx, scope, 'stripe', ours, defaultRef)));
      }
      return { outcome: 'applied', changes };
    },
  });
};
