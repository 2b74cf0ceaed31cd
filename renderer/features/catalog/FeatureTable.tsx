import { Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Feature } from '../../../shared/catalog/types';

/** The features plans can include, with the key the product's code checks. */
export function FeatureTable({ features, action }: { features: Feature[]; action?: ReactNode }) {
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="features-title">
      <Group justify="space-between" mb="md">
        <Title order={3} fz="lg" id="features-title">
          Features
        </Title>
        {action}
      </Group>
      {features.length === 0 ? (
        <Text size="sm" c="dimmed">
          No features yet. Features are what plans include: flags that are on or off, and limits.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="sm" aria-labelledby="features-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Key</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Description</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {features.map((feature) => (
                <Table.Tr key={feature.key}>
                  <Table.Td fw={550}>{feature.name}</Table.Td>
                  <Table.Td>
                    <Text span size="xs" ff="monospace" c="dimmed">
                      {feature.key}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={feature.kind === 'flag' ? 'violet' : 'cyan'} size="sm">
                      {feature.kind === 'flag' ? 'Flag' : 'Limit'}
                    </Badge>
                  </Table.Td>
                  <Table.Td c={feature.description ? undefined : 'dimmed'}>
                    {feature.description ?? '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
