import { Badge, Tooltip } from '@mantine/core';
import { PAYMENT_STATUS_LOOK, type PaymentStatus } from './status';

/** The payment's status; for a failed one, the gateway's reason on hover and for screen readers. */
export function PaymentStatusBadge({ status, failure }: { status: PaymentStatus; failure?: string | null }) {
  const look = PAYMENT_STATUS_LOOK[status];
  const badge = (
    <Badge
      color={look.color}
      size="sm"
      // In a crowded table row the label stays whole rather than shrinking to "SUCC…".
      miw="max-content"
      aria-label={failure ? `${look.label}: ${failure}` : undefined}
    >
      {look.label}
    </Badge>
  );
  return failure ? (
    <Tooltip label={failure} multiline maw={300}>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}
