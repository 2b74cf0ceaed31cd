import { Radio, Stack, Text } from '@mantine/core';
import { formatDate } from '../../lib/format';
import type { ChangeTiming } from './change-plan';

interface TimingChoiceProps {
  value: ChangeTiming;
  onChange: (timing: ChangeTiming) => void;
  periodEnd: number;
  /** During a trial there is nothing to prorate and the change is immediate. */
  trialing: boolean;
}

/** Now (prorated) or at the period's end, each saying what it costs. */
export function TimingChoice({ value, onChange, periodEnd, trialing }: TimingChoiceProps) {
  if (trialing) {
    return (
      <Text size="sm" c="dimmed">
        During the trial the new price applies at once, with nothing to prorate.
      </Text>
    );
  }
  return (
    <Radio.Group label="When" value={value} onChange={(next) => onChange(next as ChangeTiming)}>
      <Stack gap="xs" mt={6}>
        <Radio
          value="now"
          label="Now"
          description="Credit for the unused time on the current plan, charge for the rest of the period on the new one."
        />
        <Radio
          value="period_end"
          label={`At the end of the period (${formatDate(periodEnd)})`}
          description="Nothing is charged now; the new price applies from that renewal."
        />
      </Stack>
    </Radio.Group>
  );
}
