import { Paper, Stack, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleX,
  IconClock,
  IconPlus,
  IconPoint,
} from '@tabler/icons-react';
import { formatDateTime } from '../../lib/format';
import { describeEvent, newestFirst } from './event-text';
import type { SubscriptionEvent } from './types';

const ICON = { size: 13, stroke: 2 } as const;

/** Reasons that mean money did not come in: shown as warnings, not as progress. */
const WARNINGS = new Set(['payment_failed', 'trial_payment_failed', 'trial_awaiting_payment', 'mark_unpaid']);

function bulletFor(event: SubscriptionEvent) {
  if (event.type === 'subscription.created') return { icon: <IconPlus {...ICON} />, color: 'brand' };
  if (event.type === 'subscription.canceled') return { icon: <IconCircleX {...ICON} />, color: 'gray' };
  if (event.type === 'subscription.trial_will_end') return { icon: <IconClock {...ICON} />, color: 'blue' };
  if (typeof event.data.reason === 'string' && WARNINGS.has(event.data.reason))
    return { icon: <IconAlertTriangle {...ICON} />, color: 'orange' };
  if (event.type === 'subscription.updated') return { icon: <IconCircleCheck {...ICON} />, color: 'teal' };
  return { icon: <IconPoint {...ICON} />, color: 'gray' };
}

/** What billing did to the subscription, newest first. Times are the customer's (simulated) clock. */
export function SubscriptionHistory({ events }: { events: readonly SubscriptionEvent[] }) {
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="history-title">
      <Title order={4} id="history-title" mb="md">
        History
      </Title>
      {events.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing has happened yet.
        </Text>
      ) : (
        <Timeline bulletSize={24} lineWidth={2} aria-label="Subscription history">
          {newestFirst(events).map((event) => {
            const { title, detail } = describeEvent(event);
            const bullet = bulletFor(event);
            return (
              <Timeline.Item
                key={event.id}
                bullet={
                  <ThemeIcon size={24} radius="xl" variant="light" color={bullet.color}>
                    {bullet.icon}
                  </ThemeIcon>
                }
                title={
                  <Text fw={600} size="sm">
                    {title}
                  </Text>
                }
              >
                <Stack gap={2} mt={2}>
                  {detail && <Text size="sm">{detail}</Text>}
                  <Text size="xs" c="dimmed" className="tabular">
                    {formatDateTime(event.occurredAt)}
                  </Text>
                </Stack>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </Paper>
  );
}
