import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { readServerProblem } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { fromLocalInput } from '../../lib/local-time';
import type { SubscriptionDetail } from './types';
import { useSubscriptionMutations } from './use-subscription-mutations';

interface PauseDialogProps {
  detail: SubscriptionDetail;
  opened: boolean;
  onClose: () => void;
}

/** Pauses billing, until a chosen date or until someone resumes it. */
export function PauseDialog({ detail, opened, onClose }: PauseDialogProps) {
  const { subscription: s, customer } = detail;
  const { pause } = useSubscriptionMutations();
  const [resumeText, setResumeText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    const resumeAt = resumeText ? fromLocalInput(resumeText) : null;
    if (resumeText && resumeAt === null) return setError('Enter a full date and time, or leave it empty');
    pause.mutate(
      { id: s.id, resumeAt },
      {
        onSuccess: () => {
          notifySuccess(
            s.managedBy === 'stripe'
              ? 'Pause sent to Stripe — collection pauses once Stripe confirms'
              : 'Subscription paused',
            resumeAt
              ? `It resumes by itself on ${formatDateTime(resumeAt)}.`
              : 'It stays paused until resumed.',
          );
          setResumeText('');
          onClose();
        },
        onError: (failure) => {
          const fieldError = readServerProblem(failure).fieldErrors.resumeAt?.[0];
          if (fieldError) setError(fieldError);
          else notifyError(failure, 'Could not pause');
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`Pause ${customer.name}’s subscription?`} size="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack gap="md">
          <Text size="sm">
            While paused, no invoices are issued and the customer loses access. Resuming starts a fresh
            billing period and charges it at once.
          </Text>
          <TextInput
            type="datetime-local"
            label="Resume automatically on"
            description="Optional: leave empty to pause until someone resumes it."
            value={resumeText}
            onChange={(event) => {
              setResumeText(event.currentTarget.value);
              setError(null);
            }}
            error={error}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Keep billing
            </Button>
            <Button color="yellow" type="submit" loading={pause.isPending}>
              Pause subscription
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
