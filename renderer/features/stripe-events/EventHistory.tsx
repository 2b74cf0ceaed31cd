import { Paper, Text, Timeline, Title } from '@mantine/core';
import { formatDateTime } from '../../lib/format';
import { OUTCOME_LABELS } from './status';
import type { StripeEventDetail } from './types';

/** What happened to the event, oldest first: received, each attempt's outcome, replays. */
export function EventHistory({ event }: { event: StripeEventDetail }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="History">
      <Title order={2} size="h5" mb="sm">
        History
      </Title>
      <Timeline bulletSize={12} lineWidth={2} active={event.history.length}>
        <Timeline.Item title="Received">
          <Text size="xs" c="dimmed">
            {formatDateTime(event.receivedAt)} ·{' '}
            {event.source === 'webhook' ? 'by webhook' : 'from the events list'}
          </Text>
        </Timeline.Item>
        {event.history.map((entry, index) => (
          <Timeline.Item
            key={`${entry.at}-${index}`}
            title={`${OUTCOME_LABELS[entry.outcome] ?? entry.outcome}${entry.actorName ? ` by ${entry.actorName}` : ''}`}
            color={entry.outcome === 'failed' || entry.outcome === 'dead' ? 'red' : undefined}
          >
            <Text size="xs" c="dimmed">
              {formatDateTime(entry.at)}
            </Text>
            {entry.error && (
              <Text size="xs" c="red" style={{ overflowWrap: 'anywhere' }}>
                {entry.error}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}
