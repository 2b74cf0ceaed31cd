import { Alert, Button, Group, Modal, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { readServerProblem } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { notifyError } from '../../lib/notify';
import { fromLocalInput, toLocalInput } from '../../lib/local-time';
import { quickPresets } from './clock-time';
import type { AdvancePreset, ClockRef } from './types';
import { useTestClockMutations } from './use-test-clock-mutations';

interface AdvanceClockDialogProps {
  clock: ClockRef;
  opened: boolean;
  onClose: () => void;
  /** Targets the opener knows of, e.g. just past a subscription's renewal. */
  extraPresets?: AdvancePreset[];
}

/**
 * Moves a test clock forward. Presets keep the exact millisecond (the minute-precision
 * input would land a "+1 month" a few seconds short of a renewal); typing picks any time.
 */
export function AdvanceClockDialog({ clock, opened, onClose, extraPresets = [] }: AdvanceClockDialogProps) {
  const { advance } = useTestClockMutations();
  const [target, setTarget] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const presets = [...quickPresets(clock.now), ...extraPresets].filter((p) => p.to > clock.now);

  const close = () => {
    setTarget(null);
    setError(null);
    advance.reset();
    onClose();
  };

  const submit = () => {
    if (target === null) return setError('Choose when to move the clock to');
    if (target <= clock.now) return setError('Choose a time after the clock’s current time');
    advance.mutate(
      { id: clock.id, to: target },
      {
        onError: (failure) => {
          const fieldError = readServerProblem(failure).fieldErrors.to?.[0];
          if (fieldError) setError(fieldError);
          else notifyError(failure, 'Could not advance the clock');
        },
      },
    );
  };

  const done = advance.data;
  return (
    <Modal opened={opened} onClose={close} title={`Advance ${clock.name}`} size="md">
      {done ? (
        <Stack gap="md">
          <Alert color="teal" title={`Moved to ${formatDateTime(done.clock.now)}`} role="status">
            {done.jobsRun === 0
              ? 'Nothing was due on the way.'
              : `${done.jobsRun} billing ${done.jobsRun === 1 ? 'job' : 'jobs'} ran: renewals, trial ends and retries, each at its own moment.`}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
          noValidate
        >
          <Stack gap="md">
            <Text size="sm">
              Simulated time now:{' '}
              <Text span fw={600} className="tabular">
                {formatDateTime(clock.now)}
              </Text>
            </Text>
            <Group gap="xs" role="group" aria-label="Quick steps">
              {presets.map((preset) => (
                <Button
                  key={preset.label}
                  size="xs"
                  variant={target === preset.to ? 'light' : 'default'}
                  aria-pressed={target === preset.to}
                  onClick={() => {
                    setTarget(preset.to);
                    setError(null);
                  }}
                >
                  {preset.label}
                </Button>
              ))}
            </Group>
            <TextInput
              type="datetime-local"
              label="Advance to"
              description="Every renewal, trial end and payment retry due by then runs, in order."
              value={target === null ? '' : toLocalInput(target)}
              onChange={(event) => {
                setTarget(fromLocalInput(event.currentTarget.value));
                setError(null);
              }}
              error={error}
              disabled={advance.isPending}
            />
            {advance.isPending && (
              <Stack gap={6} role="status" aria-live="polite">
                <Progress value={100} striped animated aria-label="Advancing the clock" />
                <Text size="xs" c="dimmed">
                  Running billing up to {target === null ? '' : formatDateTime(target)}…
                </Text>
              </Stack>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close} disabled={advance.isPending}>
                Cancel
              </Button>
              <Button type="submit" loading={advance.isPending}>
                Advance clock
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
