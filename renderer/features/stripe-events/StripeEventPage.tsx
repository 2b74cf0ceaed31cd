import { Alert, Anchor, Code, Grid, Group, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useMemo } from 'react';
import { formatDateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { type Field, FieldList } from '../../ui/FieldList';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { PageHeader } from '../../ui/PageHeader';
import { EventHistory } from './EventHistory';
import { EventStatusBadge } from './EventStatusBadge';
import { ReplayButton } from './ReplayButton';
import type { StripeEventDetail } from './types';

/** The payload as received, indented for reading (it is stored byte for byte). */
function readable(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

function facts(event: StripeEventDetail): Field[] {
  const mono = (text: string) => (
    <Text span size="sm" ff="monospace">
      {text}
    </Text>
  );
  return [
    { label: 'Event id', value: mono(event.id) },
    { label: 'Object', value: event.objectId ? mono(event.objectId) : '—' },
    { label: 'Created at Stripe', value: formatDateTime(event.createdAt) },
    { label: 'Received', value: formatDateTime(event.receivedAt) },
    { label: 'Attempts', value: String(event.attempts) },
    ...(event.nextAttemptAt ? [{ label: 'Next attempt', value: formatDateTime(event.nextAttemptAt) }] : []),
    ...(event.processedAt ? [{ label: 'Finished', value: formatDateTime(event.processedAt) }] : []),
    { label: 'Mode', value: event.livemode ? 'Live' : 'Test' },
  ];
}

/** One Stripe event: its payload, what became of it, and Replay when it failed. */
export function StripeEventPage() {
  const { id } = useParams({ from: '/stripe-events/$id' });
  const trpc = useTRPC();
  const query = useQuery(trpc.stripeEvents.get.queryOptions({ id }));
  const event = query.data;
  const payload = useMemo(() => (event ? readable(event.payload) : ''), [event]);
  useDocumentTitle(`${event?.type ?? 'Stripe event'} · Tollgate`);

  const back = (
    <Anchor component={Link} to="/stripe-events" size="sm" c="dimmed">
      ← Stripe events
    </Anchor>
  );
  if (!event) {
    return (
      <Stack gap="lg">
        {back}
        <LoadOrProblem error={query.error} what="event" />
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      <PageHeader
        above={back}
        title={
          <Group gap="sm" component="span" wrap="nowrap">
            <Text span ff="monospace" inherit>
              {event.type}
            </Text>
            <EventStatusBadge status={event.status} error={event.lastError} size="md" />
          </Group>
        }
        description={`${event.id} · received ${formatDateTime(event.receivedAt)}`}
        actions={<ReplayButton event={event} />}
      />
      {event.lastError && (
        <Alert color="red" title="Last error" role="status">
          {event.lastError}
        </Alert>
      )}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder p="md" radius="md" component="section" aria-label="Payload">
            <Title order={2} size="h5" mb="sm">
              Payload
            </Title>
            <ScrollArea.Autosize mah={600}>
              <Code block data-testid="event-payload">
                {payload}
              </Code>
            </ScrollArea.Autosize>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <Paper withBorder p="md" radius="md">
              <FieldList fields={facts(event)} />
            </Paper>
            <EventHistory event={event} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
