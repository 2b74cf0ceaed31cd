import type { Customer } from '../../../shared/customers/schema';
import { PendingBadge } from '../../ui/PendingBadge';
import { usePending } from '../connect';

/** The Pending badge for a whole customer: made or changed here, not yet confirmed by the server. */
export function CustomerPending({ customer }: { customer: Pick<Customer, 'id'> }) {
  return <PendingBadge labels={usePending().row('customers', customer.id)} />;
}

/** The Pending badge for one field of a customer ("company", "status"), when a waiting command changes it. */
export function FieldPending({ customer, field }: { customer: Pick<Customer, 'id'>; field: string }) {
  const pending = usePending();
  return (
    <PendingBadge
      labels={pending.row('customers', customer.id)}
      pending={pending.field('customers', customer.id, field)}
    />
  );
}
