import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';

interface SubscriptionSelectProps {
  /** The customer whose subscriptions are offered; none chosen yet disables the box. */
  customerId: string | null;
  value: string | null;
  onChange: (subscriptionId: string | null) => void;
  description: string;
  error?: string;
}

/** An optional subscription of the chosen customer, for a license to follow. */
export function SubscriptionSelect({
  customerId,
  value,
  onChange,
  description,
  error,
}: SubscriptionSelectProps) {
  const trpc = useTRPC();
  const subscriptions = useQuery({
    ...trpc.subscriptions.list.queryOptions({ customerId, limit: 50 }),
    enabled: customerId !== null,
  });
  return (
    <Select
      label="Subscription"
      description={description}
      placeholder={customerId ? 'None' : 'Choose a customer first'}
      clearable
      disabled={customerId === null}
      data={(subscriptions.data?.items ?? []).map((s) => ({
        value: s.id,
        label: `${s.planName} · ${s.status}`,
      }))}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
