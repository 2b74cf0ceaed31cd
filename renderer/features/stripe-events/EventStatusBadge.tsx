import { Badge, Tooltip, type BadgeProps } from '@mantine/core';
import type { StripeEventStatus } from '../../../shared/stripe-events/schema';
import { EVENT_STATUS_LOOK } from './status';

/** An inbox event's status; its meaning (or the last error) on hover and for screen readers. */
export function EventStatusBadge({
  status,
  error,
  size = 'sm',
}: {
  status: StripeEventStatus;
  error?: string | null;
  size?: BadgeProps['size'];
}) {
  const look = EVENT_STATUS_LOOK[status];
  const detail = error ?? look.hint;
  return (
    <Tooltip label={detail} multiline maw={320}>
      <Badge color={look.color} size={size} miw="max-content" aria-label={`${look.label}: ${detail}`}>
        {look.label}
      </Badge>
    </Tooltip>
  );
}
