import { Badge, type BadgeProps } from '@mantine/core';
import type { SubscriptionStatus } from '../../../shared/billing/subscription-machine';
import { SUBSCRIPTION_STATUS_LOOK } from './status';

export function SubscriptionStatusBadge({
  status,
  size = 'sm',
  ...props
}: { status: SubscriptionStatus; size?: 'sm' | 'md' } & Omit<BadgeProps, 'color' | 'size'>) {
  const look = SUBSCRIPTION_STATUS_LOOK[status];
  return (
    <Badge color={look.color} size={size} miw="max-content" {...props}>
      {look.label}
    </Badge>
  );
}
