import type { Permission } from '../../../shared/permissions';

/**
 * The audit entries a customer's timeline reads, by entity type, and the permission a reader
 * needs for each (besides customers.read, which the timeline itself requires). A replica must
 * hold these entries for whoever holds that permission, or the timeline on a connected desktop
 * would be shorter than on the server. Besides the audit trail the timeline reads the email
 * outbox (billing.read) and the customer's cards (billing.read), both replicated in full.
 */
export const TIMELINE_ENTITY_TYPES = {
  customer: 'customers.read',
  subscription: 'billing.read',
  invoice: 'billing.read',
  payment: 'billing.read',
  refund: 'billing.read',
  payment_method: 'billing.read',
  invoice_recovery: 'billing.read',
  dispute: 'billing.read',
} as const satisfies Record<string, Permission>;

export type TimelineEntityType = keyof typeof TIMELINE_ENTITY_TYPES;
