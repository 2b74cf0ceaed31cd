import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';

interface Confirmation {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  /** Archiving is red; making a plan the default is not destructive. */
  destructive?: boolean;
}

/** Asks before a catalog change that customers feel, naming the thing and what happens to its subscribers. */
export function confirmCatalogChange({
  title,
  body,
  confirmLabel,
  onConfirm,
  destructive = true,
}: Confirmation) {
  modals.openConfirmModal({
    title,
    children: <Text size="sm">{body}</Text>,
    labels: { confirm: confirmLabel, cancel: 'Cancel' },
    confirmProps: destructive ? { color: 'red' } : {},
    onConfirm,
  });
}
