import { Text } from '@mantine/core';
import { codeColumn, dateColumn, idColumn, type DataColumn } from '../../ui/data-table';
import { MoneyText } from '../../ui/MoneyText';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { periodText } from '../../lib/period-text';
import { BILLING_REASON_LABELS } from './status';
import type { InvoiceRow } from './types';

const money = (
  id: string,
  header: string,
  pick: (i: InvoiceRow) => number,
  hidden = false,
): DataColumn<InvoiceRow> => ({
  id,
  header,
  align: 'right',
  minWidth: 108,
  grow: 0,
  fitPriority: id === 'total' ? 3 : 0,
  defaultHidden: hidden,
  cell: (i) => (
    <MoneyText
      amount={pick(i)}
      currency={i.currency}
      size="sm"
      c={pick(i) === 0 && id !== 'total' ? 'dimmed' : undefined}
    />
  ),
});

/** The invoices table, newest first as the server sends it. */
export const invoiceColumns: DataColumn<InvoiceRow>[] = [
  {
    id: 'number',
    header: 'Number',
    hideable: false,
    minWidth: 118,
    grow: 0,
    cell: (i) => (
      <Text size="sm" ff="monospace" fw={500} c={i.number ? undefined : 'dimmed'}>
        {i.number ?? 'Draft'}
      </Text>
    ),
  },
  {
    id: 'customer',
    header: 'Customer',
    minWidth: 150,
    grow: 2,
    fitPriority: 3,
    cell: (i) => (
      <Text size="sm" truncate>
        {i.customerName}
      </Text>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    minWidth: 124,
    grow: 0,
    fitPriority: 3,
    cell: (i) => <InvoiceStatusBadge invoice={i} />,
  },
  {
    id: 'reason',
    header: 'For',
    minWidth: 150,
    grow: 1,
    defaultHidden: true,
    cell: (i) => (
      <Text size="sm" c="dimmed" truncate>
        {BILLING_REASON_LABELS[i.billingReason] ?? i.billingReason}
      </Text>
    ),
    exportAs: ['reason'],
  },
  money('total', 'Total', (i) => i.total),
  money('paid', 'Paid', (i) => i.amountPaid),
  money('refunded', 'Refunded', (i) => i.amountRefunded),
  codeColumn<InvoiceRow>('currency', 'Currency', (i) => i.currency, { minWidth: 90 }),
  {
    id: 'period',
    header: 'Period',
    // Room for the longest period ("Sep 30, 2026 – Oct 31, 2026") on one line.
    minWidth: 236,
    grow: 1,
    fitPriority: 1,
    cell: (i) => {
      const text =
        i.periodStart !== null && i.periodEnd !== null ? periodText(i.periodStart, i.periodEnd) : '—';
      return (
        <Text size="sm" c="dimmed" truncate title={text}>
          {text}
        </Text>
      );
    },
    exportAs: ['period-start', 'period-end'],
  },
  dateColumn<InvoiceRow>('createdAt', 'Issued', (i) => i.createdAt, { minWidth: 156, fitPriority: 2 }),
  idColumn<InvoiceRow>(),
];
