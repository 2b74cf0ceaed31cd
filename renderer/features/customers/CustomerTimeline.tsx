import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  ThemeIcon,
  Timeline,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArchive,
  IconCreditCard,
  IconFileInvoice,
  IconMail,
  IconPencil,
  IconPlus,
  IconPoint,
  IconReceiptRefund,
  IconRepeat,
} from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { readServerProblem } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { DateText } from '../../ui/DateText';
import { entryLines, entryTitle, type TimelineEntry } from './timeline-text';

const ICON = { size: 13, stroke: 2 } as const;
const PAGE = 30;

function bulletFor(entry: TimelineEntry): { icon: ReactNode; color?: string } {
  const failed = /failed|past_due|uncollectible|expiring|dispute\.opened/.test(entry.kind);
  const family = entry.kind.split('.')[0];
  const icon =
    entry.kind === 'customer.created' ? (
      <IconPlus {...ICON} />
    ) : entry.kind === 'customer.updated' ? (
      <IconPencil {...ICON} />
    ) : family === 'customer' ? (
      <IconArchive {...ICON} />
    ) : family === 'subscription' ? (
      <IconRepeat {...ICON} />
    ) : family === 'invoice' ? (
      <IconFileInvoice {...ICON} />
    ) : family === 'refund' ? (
      <IconReceiptRefund {...ICON} />
    ) : family === 'payment' || family === 'card' || family === 'recovery' ? (
      <IconCreditCard {...ICON} />
    ) : family === 'email' ? (
      <IconMail {...ICON} />
    ) : failed ? (
      <IconAlertTriangle {...ICON} />
    ) : (
      <IconPoint {...ICON} />
    );
  return { icon, color: failed ? 'red' : undefined };
}

/** The headline, as a link to the object it is about when that object has a page. */
function Headline({ entry }: { entry: TimelineEntry }) {
  const title = entryTitle(entry);
  const link = entry.link;
  if (!link) {
    return (
      <Text fw={600} size="sm">
        {title}
      </Text>
    );
  }
  const to =
    link.to === 'invoice'
      ? '/invoices/$id'
      : link.to === 'subscription'
        ? '/subscriptions/$id'
        : '/emails/$id';
  return (
    <Anchor fw={600} size="sm" renderRoot={(props) => <Link to={to} params={{ id: link.id }} {...props} />}>
      {title}
    </Anchor>
  );
}

/** Everything that happened to the customer and their billing, newest first, a page at a time. */
export function CustomerTimeline({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const timeline = useInfiniteQuery(
    trpc.timeline.customer.infiniteQueryOptions(
      { customerId, limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor, initialCursor: null },
    ),
  );
  const entries = timeline.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="timeline-title">
      <Title order={4} id="timeline-title" mb="md">
        Timeline
      </Title>
      {timeline.isPending && <Loader size="sm" aria-label="Loading timeline" />}
      {timeline.error && <Alert color="red">{readServerProblem(timeline.error).message}</Alert>}
      {timeline.data && (
        <Stack gap="md">
          <Timeline bulletSize={24} lineWidth={2} aria-label="Customer timeline">
            {entries.map((entry) => {
              const bullet = bulletFor(entry);
              return (
                <Timeline.Item
                  key={entry.id}
                  data-kind={entry.kind}
                  bullet={
                    <ThemeIcon size={24} radius="xl" variant="light" color={bullet.color}>
                      {bullet.icon}
                    </ThemeIcon>
                  }
                  title={<Headline entry={entry} />}
                >
                  <Stack gap={4} mt={2}>
                    {entryLines(entry).map((line) => (
                      <Text key={line} size="sm">
                        {line}
                      </Text>
                    ))}
                    <Group gap={6}>
                      {entry.actorName && (
                        <Text size="xs" c="dimmed">
                          by {entry.actorName} ·
                        </Text>
                      )}
                      <DateText ms={entry.at} size="xs" c="dimmed" />
                    </Group>
                  </Stack>
                </Timeline.Item>
              );
            })}
          </Timeline>
          {timeline.hasNextPage && (
            <Button
              variant="default"
              size="xs"
              loading={timeline.isFetchingNextPage}
              onClick={() => void timeline.fetchNextPage()}
            >
              Show older
            </Button>
          )}
        </Stack>
      )}
    </Paper>
  );
}
