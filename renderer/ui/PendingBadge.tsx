import { Badge, Group, Tooltip, type GroupProps } from '@mantine/core';
import type { ReactNode } from 'react';

interface PendingProps {
  /** The commands waiting for the server that touch this (their labels, for the tooltip). */
  labels: string[];
  /** Whether to show the mark; by default, whenever a command is named. */
  pending?: boolean;
}

/**
 * The subtle mark on a row, field or amount changed on this desktop and not yet confirmed by
 * the server. Names the commands in its tooltip; renders nothing when nothing waits.
 */
export function PendingBadge({ labels, pending = labels.length > 0 }: PendingProps) {
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

/**
 * Content followed by its Pending badge when a change waits; the content alone, exactly as
 * before, when nothing does (so settled screens keep their layout).
 */
export function WithPending({
  labels,
  pending = labels.length > 0,
  children,
  ...group
}: PendingProps & { children: ReactNode } & Omit<GroupProps, 'children'>) {
  if (!pending) return <>{children}</>;
  return (
    <Group gap={6} wrap="nowrap" miw={0} {...group}>
      {children}
      <PendingBadge labels={labels} pending />
    </Group>
  );
}
