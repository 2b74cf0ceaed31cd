import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import { cardText } from '../../../shared/card-brands';

/** The card a subscription charges: its own, else the customer's default. */
export function PaymentMethodText({ customerId, methodId }: { customerId: string; methodId: string | null }) {
  const trpc = useTRPC();
  const billing = useQuery(trpc.billing.customer.queryOptions({ customerId }));
  if (!billing.data)
    return (
      <Text size="sm" c="dimmed">
        {billing.error ? 'Unavailable' : '…'}
      </Text>
    );
  const methods = billing.data.paymentMethods.filter((m) => m.status === 'active');
  const method = methodId ? methods.find((m) => m.id === methodId) : methods.find((m) => m.isDefault);
  if (!method) {
    return (
      <Text size="sm" c="orange">
        None — invoices cannot be charged until the customer adds a card
      </Text>
    );
  }
  const expiry = `${String(method.expMonth).padStart(2, '0')}/${method.expYear}`;
  return (
    <Text size="sm">
      {cardText(method.brand, method.last4)}
      <Text span size="sm" c="dimmed">
        {` · expires ${expiry}${methodId ? '' : ' · customer’s default'}`}
      </Text>
    </Text>
  );
}
