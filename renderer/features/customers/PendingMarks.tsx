import type { ReactNode } from 'react';
import type { Customer } from '../../../shared/customers/schema';
import { PendingBadge, WithPending } from '../../ui/PendingBadge';
import { usePending } from '../connect';

/** The Pending badge for a whole customer: made or changed here, not yet confirmed by the server. */
export function CustomerPending({ customer }: { customer: Pick<Customer, 'id'> }) {
  return <PendingBadge labels={usePending().row('customers', customer.id)} />;
}

/** A customer's content (their name, a cell, a field) followed by the Pending badge while a change to it waits. */
export function CustomerWithPending({
  customer,
  field,
  children,
}: {
  customer: Pick<Customer, 'id'>;
  /** One field ("company", "status"); without it, any waiting change to the customer. */
  field?: string;
  children: ReactNode;
}) {
  const pending = usePending();
  const labels = pending.row('customers', customer.id);
  return (
    <WithPending
      labels={labels}
      pending={field ? pending.field('customers', customer.id, field) : labels.length > 0}
    >
      {children}
    </WithPending>
  );
}
