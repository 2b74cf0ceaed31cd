import { Anchor, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { codeColumn, dateColumn, idColumn, type DataColumn } from '../../ui/data-table';
import { MoneyText } from '../../ui/MoneyText';
import { decimalAmount } from '../../lib/amount';
import { cardText } from '../../../shared/card-brands';
import { PaymentStatusBadge } from './PaymentStatusBadge';
import { PAYMENT_STATUS_LOOK } from './status';
import type { PaymentRow } from './types';

/** The payments table, newest first as the server sends it. */
export const paymentColumns: DataColumn<PaymentRow>[] = [
  dateColumn<PaymentRow>('createdAt', 'Date', (p) => p.createdAt, { align: 'left', minWidth: 130 }),
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
    exportValue: (p) => p.customerName,
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
    exportValue: (p) => p.invoiceNumber,
  },
  {
    id: 'amount',
    header: 'Amount',
    align: 'right',
    minWidth: 120,
    grow: 0,
    cell: (p) => <MoneyText amount={p.amount} currency={p.currency} size="sm" />,
    exportValue: (p) => decimalAmount(p.amount, p.currency),
  },
  {
    id: 'refunded',
    header: 'Refunded',
    align: 'right',
    minWidth: 120,
    grow: 0,
    cell: (p) => <MoneyText amount={p.amountRefunded} currency={p.currency} size="sm" c="dimmed" />,
    exportValue: (p) => decimalAmount(p.amountRefunded, p.currency),
  },
  codeColumn<PaymentRow>('currency', 'Currency', (p) => p.currency),
  {
    id: 'status',
    header: 'Status',
    minWidth: 130,
    grow: 0,
    cell: (p) => <PaymentStatusBadge status={p.status} failure={p.failureMessage} />,
    exportValue: (p) => PAYMENT_STATUS_LOOK[p.status].label,
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
    exportValue: (p) => p.failureMessage,
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
    exportValue: (p) => (p.method ? cardText(p.method.brand, p.method.last4) : null),
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
    exportValue: (p) => p.attemptNumber,
  },
  idColumn<PaymentRow>(),
];
