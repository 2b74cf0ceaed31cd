import { Badge, Tooltip } from '@mantine/core';
import type { EmailStatus } from '../../../shared/emails/schema';
import { STATUS_LOOK } from './labels';

/** The email's status; why it failed or was held on hover, and for screen readers. */
export function EmailStatusBadge({
  status,
  reason,
  size = 'sm',
}: {
  status: EmailStatus;
  reason?: string | null;
  size?: 'sm' | 'md';
}) {
  const look = STATUS_LOOK[status];
  const badge = (
    <Badge
      color={look.color}
      size={size}
      miw="max-content"
      aria-label={reason ? `${look.label}: ${reason}` : undefined}
    >
      {look.label}
    </Badge>
  );
  return reason && status !== 'sent' ? (
    <Tooltip label={reason} multiline maw={320}>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}
