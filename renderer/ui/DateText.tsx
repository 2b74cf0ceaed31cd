import { Text, Tooltip, type TextProps } from '@mantine/core';
import { formatDateTime, relativeTime } from '../lib/format';
import { useNow } from '../lib/use-now';

/** "3 days ago", with the exact date and time on hover (and for screen readers). */
export function DateText({ ms, ...props }: { ms: number } & TextProps) {
  const now = useNow();
  const exact = formatDateTime(ms);
  return (
    <Tooltip label={exact}>
      <Text component="time" dateTime={new Date(ms).toISOString()} aria-label={exact} {...props}>
        {relativeTime(ms, now)}
      </Text>
    </Tooltip>
  );
}
