import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { recoveryFigures } from './recovery-text';
import type { CurrencyTotals } from './types';

function Figure({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <Paper withBorder radius="lg" p="md">
      <Stack gap={2}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
        <Text
          fz={26}
          fw={650}
          className="tabular"
          data-testid={`figure-${label.toLowerCase().replace(/\s+/g, '-')}`}
        >
          {value}
        </Text>
        <Text size="xs" c="dimmed" data-testid={`figure-${label.toLowerCase().replace(/\s+/g, '-')}-detail`}>
          {detail}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The headline: what failed, came back and was lost, the rate over finished cases, and what is still being collected. */
export function RecoveryFigures({ totals, months }: { totals: CurrencyTotals; months: number }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, xl: 5 }} spacing="md">
      {recoveryFigures(totals, months).map((figure) => (
        <Figure key={figure.label} {...figure} />
      ))}
    </SimpleGrid>
  );
}
