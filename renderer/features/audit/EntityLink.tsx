import { Anchor, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';

/** The entity an entry is about, by its name when known (else its id), linked to its page when the console has one. */
export function EntityLink({ type, id, label: name }: { type: string; id: string; label?: string | null }) {
  const label = name ? (
    <Text span size="sm" title={id}>
      {name}
    </Text>
  ) : (
    <Text span size="xs" ff="monospace">
      {id}
    </Text>
  );
  const anchor = (to: '/customers/$id' | '/invoices/$id' | '/subscriptions/$id') => (
    <Anchor size="xs" renderRoot={(props) => <Link to={to} params={{ id }} {...props} />}>
      {label}
    </Anchor>
  );
  if (type === 'customer') return anchor('/customers/$id');
  if (type === 'invoice' || type === 'invoice_recovery') return anchor('/invoices/$id');
  if (type === 'subscription') return anchor('/subscriptions/$id');
  return label;
}
