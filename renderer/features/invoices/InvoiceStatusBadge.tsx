import { Badge } from '@mantine/core';
import { invoiceDisplayStatus, type InvoiceDisplayStatus } from '../../../shared/billing/refund-state';
import { INVOICE_STATUS_LOOK, type InvoiceStatus } from './status';

/** An invoice's amounts, enough to tell paid from (partially) refunded. */
export interface InvoiceAmounts {
  status: InvoiceStatus;
  amountPaid: number;
  amountRefunded: number;
}

/** The badge of a status, or of an invoice, whose refunds then read as "Partially refunded" or "Refunded". */
export function InvoiceStatusBadge({
  status,
  invoice,
  size = 'sm',
}: ({ status: InvoiceDisplayStatus; invoice?: never } | { invoice: InvoiceAmounts; status?: never }) & {
  size?: 'sm' | 'md';
}) {
  const look = INVOICE_STATUS_LOOK[invoice ? invoiceDisplayStatus(invoice) : status];
  return (
    <Badge color={look.color} size={size} miw="max-content">
      {look.label}
    </Badge>
  );
}
