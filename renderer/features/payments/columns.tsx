import { Anchor, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { codeColumn, dateColumn, idColumn, type DataColumn } from '../../ui/data-table';
import { MoneyText } from '../../ui/MoneyText';
import { cardText } from '../../../shared/card-brands';
import { PaymentStatusBadge } from './PaymentStatusBadge';
import type { PaymentRow } from './types';

/** The payments table, newest first as the server sends it. */
export const paymentColumns: DataColumn<PaymentRow>[] = [
  dateColumn<PaymentRow>('createdAt', 'Date', (p) => p.createdAt, {
    align: 'left',
    minWidth: 130,
    exportAs: ['created'],
  }),
  {
    id: 'customer',
    header: 'Customer',
    hideable: false,
    minWidth: 180,
    grow: 2,
    cell: (p) => (
      <Text size="sm" fw={550} truncate>
        {p.customerName}
      </Text>
    ),
  },
  {
    id: 'invoice',
    header: 'Invoice',
    minWidth: 130,
    grow: 0,
    cell: (p) => (
      <Anchor
        size="sm"
        ff="monospace"
        tabIndex={-1}
        renderRoot={(props) => <Link to="/invoices/$id" params={{ id: p.invoiceId }} {...props} />}
      >
        {p.invoiceNumber ?? 'Draft'}
      </Anchor>
    ),
  },
  {
    id: 'amount',
    header: 'Amount',
    align: 'right',
    minWidth: 120,
    grow: 0,
    cell: (p) => <MoneyText amount={p.amount} currency={p.currency} size="sm" />,
  },
  {
    id: 'refunded',
    header: 'Refunded',
    align: 'right',
    minWidth: 120,
    grow: 0,
    cell: (p) => <MoneyText amount={p.amountRefunded} currency={p.currency} size="sm" c="dimmed" />,
  },
  codeColumn<PaymentRow>('currency', 'Currency', (p) => p.currency),
  {
    id: 'status',
    header: 'Status',
    minWidth: 130,
    grow: 0,
    cell: (p) => <PaymentStatusBadge status={p.status} failure={p.failureMessage} />,
  },
  {
    id: 'failure',
    header: 'Failure reason',
    minWidth: 200,
    grow: 1,
    defaultHidden: true,
    cell: (p) => (
      <Text size="sm" c="red" truncate>
        {p.failureMessage ?? ''}
      </Text>
    ),
    exportAs: ['failure'],
  },
  {
    id: 'method',
    header: 'Method',
    minWidth: 170,
    grow: 1,
    cell: (p) => (
      <Text size="sm" c={p.method ? undefined : 'dimmed'} truncate>
        {p.method ? cardText(p.method.brand, p.method.last4) : '—'}
      </Text>
    ),
    exportAs: ['card'],
  },
  {
    id: 'attempt',
    header: 'Attempt',
    align: 'right',
    minWidth: 90,
    grow: 0,
    cell: (p) => (
      <Text size="sm" c="dimmed" className="tabular">
        #{p.attemptNumber}
      </Text>
    ),
  },
  idColumn<PaymentRow>(),
];
