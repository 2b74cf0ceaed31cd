import { Alert, Group, Loader, Paper, Stack, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { IconArchive, IconArchiveOff, IconPencil, IconPlus, IconPoint } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { readServerProblem } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { DateText } from '../../ui/DateText';
import { actionLabel, changeLines } from './timeline-text';

const ICON = { size: 13, stroke: 2 } as const;

function bulletFor(action: string) {
  switch (action) {
    case 'customer.created':
      return <IconPlus {...ICON} />;
    case 'customer.updated':
      return <IconPencil {...ICON} />;
    case 'customer.archived':
      return <IconArchive {...ICON} />;
    case 'customer.unarchived':
      return <IconArchiveOff {...ICON} />;
    default:
      return <IconPoint {...ICON} />;
  }
}

/** Everything that happened to the customer, newest first, from the audit trail. */
export function CustomerTimeline({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const timeline = useQuery(trpc.customers.timeline.queryOptions({ id: customerId }));

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="timeline-title">
      <Title order={4} id="timeline-title" mb="md">
        Timeline
      </Title>
      {timeline.isPending && <Loader size="sm" aria-label="Loading timeline" />}
      {timeline.error && <Alert color="red">{readServerProblem(timeline.error).message}</Alert>}
      {timeline.data && (
        <Timeline bulletSize={24} lineWidth={2} aria-label="Customer timeline">
          {timeline.data.map((entry) => (
            <Timeline.Item
              key={entry.id}
              bullet={
                <ThemeIcon size={24} radius="xl" variant="light">
                  {bulletFor(entry.action)}
                </ThemeIcon>
              }
              title={
                <Text fw={600} size="sm">
                  {actionLabel(entry.action)}
                </Text>
              }
            >
              <Stack gap={4} mt={2}>
                {changeLines(entry).map((line) => (
                  <Text key={line} size="sm">
                    {line}
                  </Text>
                ))}
                <Group gap={6}>
                  <Text size="xs" c="dimmed">
                    by {entry.actorName} ·
                  </Text>
                  <DateText ms={entry.at} size="xs" c="dimmed" />
                </Group>
              </Stack>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Paper>
  );
}
