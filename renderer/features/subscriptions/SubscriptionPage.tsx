import { Alert, Anchor, Grid, Paper, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { useCallback } from 'react';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { CustomerRecordHeader } from '../../ui/CustomerRecordHeader';
import { InvoiceTable } from '../invoices';
import { subscriptionNotices } from './notices';
import { planWithQuantity } from './price-text';
import { SubscriptionActions } from './SubscriptionActions';
import { SubscriptionFacts } from './SubscriptionFacts';
import { SubscriptionHistory } from './SubscriptionHistory';
import { StripeBadge } from './StripeBadge';
import { StripeManagedNotice } from './StripeManagedNotice';
import { SubscriptionStatusBadge } from './SubscriptionStatusBadge';
import { useSubscription } from './use-subscription';

export function SubscriptionPage() {
  const { query } = useSubscription();
  const { refetch } = query;
  const reload = useCallback(() => refetch(), [refetch]);
  const detail = query.data;
  const plan = detail?.price
    ? planWithQuantity(detail.price.planName, detail.subscription.quantity)
    : 'Subscription';
  useDocumentTitle(`${plan}${detail ? ` · ${detail.customer.name}` : ''} · Tollgate`);

  const back = (
    <Anchor component={Link} to="/subscriptions" size="sm" c="dimmed">
      ← Subscriptions
    </Anchor>
  );
  if (!detail) {
    return (
      <Stack gap="lg">
        {back}
        <LoadOrProblem error={query.error} what="subscription" />
      </Stack>
    );
  }

  const { subscription: s, customer } = detail;
  return (
    <Stack gap="lg">
      <CustomerRecordHeader
        above={back}
        title={plan}
        badges={
          <>
            <SubscriptionStatusBadge status={s.status} size="md" />
            {s.managedBy === 'stripe' && <StripeBadge size="md" />}
          </>
        }
        customer={customer}
        more={customer.email}
        actions={<SubscriptionActions detail={detail} onReload={() => query.refetch()} />}
      />
      <StripeManagedNotice detail={detail} onReload={reload} />
      {subscriptionNotices(s, detail.recovery).map((notice) => (
        <Alert key={notice.title} color={notice.color} title={notice.title}>
          {notice.message}
        </Alert>
      ))}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <SubscriptionFacts detail={detail} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <SubscriptionHistory events={detail.events} />
        </Grid.Col>
      </Grid>
      <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="invoices-title">
        <Title order={4} id="invoices-title" mb="md">
          Invoices
        </Title>
        <InvoiceTable invoices={detail.invoices} label="Subscription invoices" />
      </Paper>
    </Stack>
  );
}
