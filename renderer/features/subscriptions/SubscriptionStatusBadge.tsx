import { Badge } from '@mantine/core';
import type { SubscriptionStatus } from '../../../shared/billing/subscription-machine';
import { SUBSCRIPTION_STATUS_LOOK } from './status';

export function SubscriptionStatusBadge({
  status,
  size = 'sm',
}: {
  status: SubscriptionStatus;
  size?: 'sm' | 'md';
}) {
  const look = SUBSCRIPTION_STATUS_LOOK[status];
  return (
    <Badge color={look.color} size={size}>
      {look.label}
    </Badge>
  );
}
