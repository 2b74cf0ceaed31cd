import { Button, Group, Table, Text } from '@mantine/core';
import { IconClockPlay, IconUserPlus } from '@tabler/icons-react';
import { formatDateTime } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { plainTable } from '../../ui/plain-table';
import { driftText } from './clock-time';
import type { TestClockRow } from './types';

interface ClocksTableProps {
  clocks: readonly TestClockRow[];
  canWrite: boolean;
  onAttach: (clock: TestClockRow) => void;
  onAdvance: (clock: TestClockRow) => void;
}

/** Each clock's simulated time (and how far it runs ahead of real time) and its customers. */
export function ClocksTable({ clocks, canWrite, onAttach, onAdvance }: ClocksTableProps) {
  const now = useNow();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table {...plainTable} verticalSpacing="sm" aria-label="Test clocks" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Simulated time</Table.Th>
            <Table.Th ta="right">Customers</Table.Th>
            <Table.Th ta="right">Created</Table.Th>
            {canWrite && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clocks.map((clock) => (
            <Table.Tr key={clock.id}>
              <Table.Td>
                <Text size="sm" fw={550}>
                  {clock.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" className="tabular" data-testid="clock-time">
                  {formatDateTime(clock.now)}
                </Text>
                <Text size="xs" c="dimmed">
                  {driftText(clock.now, now)}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                <Text size="sm">{clock.customers}</Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" c="dimmed" className="tabular">
                  {formatDateTime(clock.createdAt)}
                </Text>
              </Table.Td>
              {canWrite && (
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="default"
                      leftSection={<IconUserPlus size={14} stroke={1.75} />}
                      onClick={() => onAttach(clock)}
                      aria-label={`Attach a customer to ${clock.name}`}
                    >
                      Attach customer
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="light"
                      leftSection={<IconClockPlay size={14} stroke={1.75} />}
                      onClick={() => onAdvance(clock)}
                      aria-label={`Advance ${clock.name}`}
                    >
                      Advance
                    </Button>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
