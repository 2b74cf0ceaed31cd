import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';

/** Asks before an administration change that shuts someone or something out. */
export function confirmAdminChange(options: {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  destructive?: boolean;
}) {
  modals.openConfirmModal({
    title: options.title,
    children: <Text size="sm">{options.body}</Text>,
    labels: { confirm: options.confirmLabel, cancel: 'Cancel' },
    confirmProps: options.destructive === false ? {} : { color: 'red' },
    onConfirm: options.onConfirm,
  });
}
