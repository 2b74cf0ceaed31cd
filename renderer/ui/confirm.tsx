import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import type { ReactNode } from 'react';

/** What a confirmation says: what happens, in words staff can weigh before it does. */
export interface Confirmation {
  title: string;
  body: ReactNode;
  /** The confirm button names the action ("Archive customer"), never a bare "OK". */
  confirmLabel: string;
  /** "Cancel" unless the way back reads better as what stays ("Keep it open"). */
  cancelLabel?: string;
  /** Red for what shuts someone out or cannot be undone; charging or making a default is not. */
  destructive?: boolean;
  onConfirm: () => void;
}

/** The console's one confirmation dialog, asked before a command customers or staff would feel. */
export function confirmAction({
  title,
  body,
  confirmLabel,
  cancelLabel = 'Cancel',
  destructive = false,
  onConfirm,
}: Confirmation): void {
  modals.openConfirmModal({
    title,
    children: <Text size="sm">{body}</Text>,
    labels: { confirm: confirmLabel, cancel: cancelLabel },
    confirmProps: destructive ? { color: 'red' } : {},
    onConfirm,
  });
}
