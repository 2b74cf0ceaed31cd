import { Badge, Tooltip } from '@mantine/core';

/**
 * The subtle mark on a row, field or amount changed on this desktop and not yet confirmed by
 * the server. Names the commands in its tooltip; renders nothing when nothing waits.
 */
export function PendingBadge({
  labels,
  pending = labels.length > 0,
}: {
  labels: string[];
  pending?: boolean;
}) {
  if (!pending) return null;
  const why = labels.length > 0 ? labels.join('; ') : 'A change made here';
  return (
    <Tooltip label={`${why} — waiting for the server`} multiline maw={320} withinPortal>
      <Badge
        size="xs"
        variant="outline"
        color="gray"
        tt="none"
        fw={500}
        data-testid="pending-badge"
        aria-label={`Pending: ${why}`}
        style={{ flexShrink: 0 }}
      >
        Pending
      </Badge>
    </Tooltip>
  );
}
