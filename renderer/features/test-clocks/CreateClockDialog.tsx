import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { testClockCreateInput } from '../../../shared/billing/schema';
import { firstFieldErrors, readServerProblem } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { fromLocalInput } from '../../lib/local-time';
import { useTestClockMutations } from './use-test-clock-mutations';

interface ClockValues {
  name: string;
  startAt: string;
}

const nameRule = testClockCreateInput.shape.name;

/** A new simulated clock, starting now or at a chosen time. */
export function CreateClockDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { create } = useTestClockMutations();
  const form = useForm<ClockValues>({
    mode: 'controlled',
    initialValues: { name: '', startAt: '' },
    validate: {
      name: (name) => nameRule.safeParse(name).error?.issues[0]?.message ?? null,
      startAt: (text) =>
        text && fromLocalInput(text) === null ? 'Enter a full date and time, or leave it empty' : null,
    },
  });

  const close = () => {
    form.reset();
    onClose();
  };

  const submit = form.onSubmit(async (values) => {
    const startAt = (values.startAt && fromLocalInput(values.startAt)) || undefined;
    try {
      const clock = await create.mutateAsync({ name: values.name.trim(), startAt });
      notifySuccess('Test clock created', `${clock.name} starts at ${formatDateTime(clock.now)}.`);
      close();
    } catch (error) {
      const fields = firstFieldErrors(readServerProblem(error).fieldErrors);
      if (Object.keys(fields).length > 0) form.setErrors(fields);
      else notifyError(error, 'Could not create the clock');
    }
  });

  return (
    <Modal opened={opened} onClose={close} title="New test clock" size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Name"
            placeholder="Renewal rehearsal"
            withAsterisk
            data-autofocus
            {...form.getInputProps('name')}
          />
          <TextInput
            type="datetime-local"
            label="Starts at"
            description="Leave empty to start at the current time. A clock only moves forward."
            {...form.getInputProps('startAt')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create clock
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
