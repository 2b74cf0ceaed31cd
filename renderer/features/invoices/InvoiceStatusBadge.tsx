import { Badge } from '@mantine/core';
import { INVOICE_STATUS_LOOK, type InvoiceStatus } from './status';

export function InvoiceStatusBadge({ status, size = 'sm' }: { status: InvoiceStatus; size?: 'sm' | 'md' }) {
  const look = INVOICE_STATUS_LOOK[status];
  return (
    <Badge color={look.color} size={size} miw="max-content">
      {look.label}
    </Badge>
  );
}
