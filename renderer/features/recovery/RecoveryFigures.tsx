import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { countOf } from '../../lib/format';
import { moneyText, rateText } from './recovery-text';
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
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      </Stack>
    </Paper>
  );
}

const INVOICES = { one: 'invoice', other: 'invoices' };

/** The headline: how much failed, how much came back, the rate, and what is still being collected. */
export function RecoveryFigures({ totals, months }: { totals: CurrencyTotals; months: number }) {
  const { currency } = totals;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
      <Figure
        label="Failed"
        value={moneyText(totals.failedAmount, currency)}
        detail={`${countOf(totals.failedCount, INVOICES)} in the last ${months} months`}
      />
      <Figure
        label="Recovered"
        value={moneyText(totals.recoveredAmount, currency)}
        detail={countOf(totals.recoveredCount, INVOICES)}
      />
      <Figure label="Recovery rate" value={rateText(totals.rate)} detail="Recovered of failed, by amount" />
      <Figure
        label="In recovery"
        value={moneyText(totals.inRecoveryAmount, currency)}
        detail={`${countOf(totals.inRecoveryCount, INVOICES)} still being collected`}
      />
    </SimpleGrid>
  );
}
