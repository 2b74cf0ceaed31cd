import { Alert, Anchor, Grid, Group, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { formatDate } from '../../lib/format';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { MoneyText } from '../../ui/MoneyText';
import { PageHeader } from '../../ui/PageHeader';
import { PendingBadge } from '../../ui/PendingBadge';
import { InvoiceActions } from './InvoiceActions';
import { InvoiceDisputes } from './InvoiceDisputes';
import { InvoiceFacts } from './InvoiceFacts';
import { InvoiceLines } from './InvoiceLines';
import { InvoicePayments } from './InvoicePayments';
import { InvoiceRefunds } from './InvoiceRefunds';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { ReceiptButtons } from './ReceiptButtons';
import { recoveryNotice } from '../recovery';
import { usePending } from '../connect';
import { invoicePending } from './pending';
import { useInvoice } from './use-invoice';

export function InvoicePage() {
  const { query } = useInvoice();
  const pending = usePending();
  const detail = query.data;
  const title = detail?.invoice.number ?? (detail ? 'Draft invoice' : 'Invoice');
  useDocumentTitle(`${title} · Tollgate`);

  const back = (
    <Anchor component={Link} to="/invoices" size="sm" c="dimmed">
      ← Invoices
    </Anchor>
  );
  if (!detail) {
    return (
      <Stack gap="lg">
        {back}
        <LoadOrProblem error={query.error} what="invoice" />
      </Stack>
    );
  }

  const { invoice, customer } = detail;
  const waiting = invoicePending(pending, detail);
  const recovery = invoice.status === 'open' ? recoveryNotice(detail.recovery) : null;
  return (
    <Stack gap="lg">
      <PageHeader
        above={back}
        title={
          <Group gap="sm" component="span">
            <span style={{ fontVariantNumeric: 'tabular-nums' }}>{title}</span>
            <InvoiceStatusBadge invoice={invoice} size="md" />
            <PendingBadge labels={waiting.invoice} />
          </Group>
        }
        description={
          <Text span size="sm" c="dimmed">
            <MoneyText
              amount={invoice.total}
              currency={invoice.currency}
              size="sm"
              fw={600}
              c="var(--mantine-color-text)"
            />{' '}
            · {customer.name} · {formatDate(invoice.finalizedAt ?? invoice.createdAt)}
          </Text>
        }
        actions={
          <>
            <InvoiceActions invoice={invoice} chargeWaiting={waiting.charges.length > 0} />
            <ReceiptButtons invoice={invoice} />
          </>
        }
      />
      {recovery && (
        <Alert color={recovery.color} title={recovery.title}>
          {recovery.message}
        </Alert>
      )}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <InvoiceLines detail={detail} waiting={waiting} />
            <InvoicePayments detail={detail} waiting={waiting} />
            <InvoiceRefunds refunds={detail.refunds} waiting={waiting} />
            <InvoiceDisputes disputes={detail.disputes} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <InvoiceFacts detail={detail} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
