import type Stripe from 'stripe';
import { newId } from '../../../shared/ids';
import { runCommand } from '../../commands/run-command';
import { serializeOn } from '../../db/locks';
import { insertCustomer, setGatewayCustomerRef } from '../customers';
import { mirrorScope, stripeOf, type MirrorContext } from './context';
import { customerIdByRef } from './repo';

/** Tollgate requires an email per customer; a Stripe customer without one gets a reserved, undeliverable one. */
const emailOf = (customer: Stripe.Customer) => customer.email ?? `${customer.id}@no-email.stripe.invalid`;
/** "ZZ": unknown country (ISO 3166 user-assigned) until staff set it. */
const countryOf = (customer: Stripe.Customer) => customer.address?.country ?? 'ZZ';

/**
 * The local customer a Stripe customer id stands for. An unknown one is fetched from
 * Stripe and linked to the customer of the same email, or created.
 */
export async function ensureCustomer(context: MirrorContext, ref: string): Promise<string> {
  const known = await customerIdByRef(context.db, context.tenantId, ref);
  if (known) return known;
  const customer = await stripeOf(context).customers.retrieve(ref);
  if (customer.deleted)
    throw new Error(`Stripe customer ${ref} was deleted; its subscriptions cannot be mirrored`);
  const email = emailOf(customer);
  return runCommand(mirrorScope(context), 'customer.mirrored_from_stripe', async (trx, now) => {
    // Two instances may mirror the same customer (or two with one email) at once: on PostgreSQL
    // the second waits here, then finds or links what the first made instead of inserting it again.
    await serializeOn(trx, `stripe-customer:${context.tenantId}:${email.toLowerCase()}`);
    const again = await customerIdByRef(trx, context.tenantId, ref);
    if (again) return { result: again, changes: [] };
    const sameEmail = await trx
      .selectFrom('customers')
      .select(['id', 'gateway_customer_ref'])
      .where('tenant_id', '=', context.tenantId)
      .where('email', '=', email)
      .executeTakeFirst();
    if (sameEmail && sameEmail.gateway_customer_ref === null) {
      await setGatewayCustomerRef(trx, context.tenantId, sameEmail.id, ref, now);
      const change = { gatewayCustomerRef: ref };
      return {
        result: sameEmail.id,
        changes: [
          {
            entityType: 'customer',
            entityId: sameEmail.id,
            before: { gatewayCustomerRef: null },
            after: change,
          },
        ],
      };
    }
    const created = {
      id: newId('cus', now),
      name: customer.name ?? customer.email ?? ref,
      // Another customer holds the email with another Stripe id: keep both, told apart by the id.
      email: sameEmail ? `${ref}@no-email.stripe.invalid` : email,
      country: countryOf(customer),
      company: null,
      notes: `Mirrored from Stripe customer ${ref}`,
      status: 'active' as const,
      version: 1,
      createdAt: now,
      updatedAt: now,
      archivedAt: null,
    };
    await insertCustomer(trx, context.tenantId, created);
    await setGatewayCustomerRef(trx, context.tenantId, created.id, ref);
    return {
      result: created.id,
      changes: [
        {
          entityType: 'customer',
          entityId: created.id,
          before: null,
          after: { ...created, gatewayCustomerRef: ref },
        },
      ],
    };
  });
}
