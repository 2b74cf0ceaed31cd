import { Text, Tooltip } from '@mantine/core';
import { formatDateTime } from '../../lib/format';

/**
 * How many identical validations in a row a log line stands for (decision 164): "×12" with
 * the first one's time beside it, "1" for a single validation.
 */
export function ValidationRepeats({ repeats, firstAt }: { repeats: number; firstAt: number }) {
  if (repeats <= 1) return <Text size="sm">1</Text>;
  const since = formatDateTime(firstAt);
  const label = `${repeats.toLocaleString('en')} identical validations in a row since ${since}`;
  return (
    <Tooltip label={label}>
      <Text size="sm" aria-label={label}>
        ×{repeats.toLocaleString('en')}{' '}
        <Text span size="xs" c="dimmed">
          since {since}
        </Text>
      </Text>
    </Tooltip>
  );
}
