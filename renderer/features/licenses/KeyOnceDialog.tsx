import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { readServerProblem } from '../../lib/errors';
import { FormDialog } from '../../ui/FormModal';
import { SecretOnce } from '../../ui/SecretOnce';

interface KeyOnceDialogProps {
  opened: boolean;
  /** Called once the dialog has forgotten the key; the caller forgets its command's answer too. */
  onClose: () => void;
  title: string;
  /** What the command does, shown before it runs. */
  ask: ReactNode;
  askLabel: string;
  destructive?: boolean;
  pending: boolean;
  /** Runs the command: the key to show, or null when there is none to show (queued offline). */
  run: () => Promise<string | null>;
  /** What to do with the key, shown above it. */
  keyNote: string;
}

/**
 * A dialog that asks before a command that answers with a license key, then shows the key once
 * with a copy button. The key lives in this dialog's state only: closing it forgets the key.
 */
export function KeyOnceDialog({
  opened,
  onClose,
  title,
  ask,
  askLabel,
  destructive = false,
  pending,
  run,
  keyNote,
}: KeyOnceDialogProps) {
  const [key, setKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setKey(null);
    setError(null);
    onClose();
  };
  const go = async () => {
    setError(null);
    try {
      const shown = await run();
      if (shown === null) return close();
      setKey(shown);
    } catch (problem) {
      setError(readServerProblem(problem).message);
    }
  };
  return (
    <FormDialog opened={opened} onClose={close} title={title} size="lg">
      {key !== null ? (
        <Stack gap="md">
          <SecretOnce label="License key" value={key} note={keyNote} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Done
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="sm">{ask}</Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color={destructive ? 'red' : undefined} loading={pending} onClick={() => void go()}>
              {askLabel}
            </Button>
          </Group>
        </Stack>
      )}
    </FormDialog>
  );
}
