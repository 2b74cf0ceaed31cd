import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconClockPlay } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { formatDateTime } from '../../lib/format';
import { useCan } from '../../shell/session';
import { AdvanceClockDialog } from '../test-clocks';
import { nextEventPreset } from './next-event';
import type { SubscriptionDetail } from './types';

/** The simulated clock the customer lives on, and a shortcut to move it past the renewal. */
export function TestClockFact({ detail }: { detail: SubscriptionDetail }) {
  const canWrite = useCan('billing.write');
  const [opened, { open, close }] = useDisclosure(false);
  const clock = detail.customer.testClock;
  if (!clock) return null;
  const next = nextEventPreset(detail.subscription);

  return (
    <Stack gap={4} align="flex-start">
      <Group gap={6}>
        <Anchor size="sm" renderRoot={(props) => <Link to="/test-clocks" {...props} />}>
          {clock.name}
        </Anchor>
        <Text size="sm" c="dimmed" className="tabular">
          · now {formatDateTime(clock.now)}
        </Text>
      </Group>
      {canWrite && detail.subscription.endedAt === null && (
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<IconClockPlay size={14} stroke={1.75} />}
          onClick={open}
        >
          Advance clock…
        </Button>
      )}
      <AdvanceClockDialog clock={clock} opened={opened} onClose={close} extraPresets={next ? [next] : []} />
    </Stack>
  );
}
