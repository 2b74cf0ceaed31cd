import type Stripe from 'stripe';
import type { Actor, CommandScope } from '../../commands/run-command';
import { DomainError } from '../../lib/errors';
import type { StripeEventContext } from '../stripe-events';

/** Who the mirror acts as: changes it makes are Stripe's, as the audit trail says. */
export const STRIPE_ACTOR: Actor = { userId: null, name: 'Stripe', client: 'system:stripe' };

/** What mirroring needs: the webhook handlers' context (the import builds the same). */
export type MirrorContext = StripeEventContext;

export function mirrorScope(context: MirrorContext): CommandScope {
  return { db: context.db, tenantId: context.tenantId, clock: context.clock, actor: STRIPE_ACTOR };
}

/** The tenant's Stripe client; mirroring is meaningless without one (sandbox tenants have none). */
export function stripeOf(context: Pick<MirrorContext, 'gateways' | 'tenantId'>): Stripe {
  const stripe = context.gateways.stripeApi(context.tenantId);
  if (!stripe) {
    throw new DomainError(
      'INVALID_STATE',
      'This workspace has no Stripe account connected (it uses the sandbox)',
    );
  }
  return stripe;
}

/** Stripe's clock when it answered (the Date header, whole seconds), else ours. */
export function answeredAt(
  response: { lastResponse?: { headers?: Record<string, string> } },
  fallbackMs: number,
): number {
  const date = response.lastResponse?.headers?.date;
  const parsed = date ? Date.parse(date) : NaN;
  return Math.floor((Number.isNaN(parsed) ? fallbackMs : parsed) / 1000);
}
