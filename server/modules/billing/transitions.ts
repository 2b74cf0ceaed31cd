import { transition, type SubscriptionCommand } from '../../../shared/billing/subscription-machine';
import type { EntityChange } from '../../commands/run-command';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { DomainError } from '../../lib/errors';
import { recordEvent } from './repo/events';
import { saveSubscription } from './repo/subscriptions';
import type { Subscription } from './types';

/**
 * Moves a subscription through the state machine and applies `patch` with it, or fails
 * with INVALID_STATE naming where it stands. The status never changes any other way.
 */
export function advance(
  subscription: Subscription,
  command: SubscriptionCommand,
  patch: Partial<Subscription>,
  now: number,
): Subscription {
  const result = transition(
    { status: subscription.status, cancelAtPeriodEnd: subscription.cancelAtPeriodEnd },
    command,
  );
  if (!result.ok) throw new DomainError('INVALID_STATE', result.reason);
  return {
    ...subscription,
    ...patch,
    status: result.state.status,
    cancelAtPeriodEnd: result.state.cancelAtPeriodEnd,
    version: subscription.version + 1,
    updatedAt: now,
  };
}

/** Changes that are not status moves (price, payment method, pending change), with the version bumped. */
export function amend(subscription: Subscription, patch: Partial<Subscription>, now: number): Subscription {
  return { ...subscription, ...patch, version: subscription.version + 1, updatedAt: now };
}

const snapshot = (s: Subscription) => ({ ...s }) as Record<string, unknown>;

/** Saves `next` over `current` (optimistically) and describes the change for the audit trail. */
export async function persist(
  trx: Transaction<DB>,
  tenantId: string,
  current: Subscription,
  next: Subscription,
): Promise<EntityChange> {
  if (!(await saveSubscription(trx, tenantId, next, current.version))) {
    throw new DomainError('CONFLICT', 'This subscription changed while saving; reload and try again.');
  }
  return { entityType: 'subscription', entityId: next.id, before: snapshot(current), after: snapshot(next) };
}

/** Saves a status or plan change and puts it in the subscription's history with its reason (and `detail`). */
export async function persistWithHistory(
  trx: Transaction<DB>,
  tenantId: string,
  current: Subscription,
  next: Subscription,
  reason: string,
  now: number,
  detail: Record<string, unknown> = {},
): Promise<EntityChange> {
  await recordEvent(
    trx,
    tenantId,
    {
      type: 'subscription.updated',
      customerId: next.customerId,
      subjectId: next.id,
      data: { ...detail, status: next.status, reason },
    },
    now,
  );
  return persist(trx, tenantId, current, next);
}
