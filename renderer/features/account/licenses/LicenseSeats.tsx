import { Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { formatDate } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useTRPC } from '../../../lib/trpc';
import { confirmAction } from '../../../ui/confirm';
import { FormDialog, ModalForm } from '../../../ui/FormModal';
import { formErrors } from '../../admin/server-errors';
import type { AccountLicenseDetail } from '../types';
import { limitText } from './limit-text';

/**
 * The license's named seats: "3 of 5 seats", each holder by name and email; assigning stops at
 * the policy's ceiling (the server refuses past it too) and emails the new holder.
 */
export function LicenseSeats({
  detail,
  onChanged,
}: {
  detail: AccountLicenseDetail;
  onChanged: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const [assigning, setAssigning] = useState(false);
  const { license, seats, policy } = detail;
  const remove = useMutation(
    trpc.accountLicenses.removeSeat.mutationOptions({
      onSuccess: async () => {
        await onChanged();
        notifySuccess('Seat removed');
      },
      onError: (error) => notifyError(error, 'Could not remove the seat'),
    }),
  );
  const full = policy.userCeiling !== null && seats.length >= policy.userCeiling;
  const revoked = license.status === 'REVOKED';
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Seats">
      <Group justify="space-between" mb="sm">
        <Stack gap={2}>
          <Title order={3} fz="lg">
            Seats
          </Title>
          <Text size="sm" c="dimmed">
            {limitText(seats.length, policy.maxUsers, 'seat')}
            {full ? ' — all taken: remove one to assign another' : ''}
          </Text>
        </Stack>
        <Button
          variant="default"
          leftSection={<IconUserPlus size={16} stroke={1.75} />}
          onClick={() => setAssigning(true)}
          disabled={full || revoked}
        >
          Assign seat
        </Button>
      </Group>
      {seats.length === 0 ? (
        <Text size="sm" c="dimmed">
          No one holds a seat yet.
        </Text>
      ) : (
        <Table aria-label="Seat holders" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Known to the app as</Table.Th>
              <Table.Th>Since</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {seats.map((seat) => (
              <Table.Tr key={seat.id}>
                <Table.Td>{seat.name ?? '—'}</Table.Td>
                <Table.Td>{seat.email ?? '—'}</Table.Td>
                <Table.Td>{seat.userRef}</Table.Td>
                <Table.Td>{formatDate(seat.assignedAt)}</Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    aria-label={`Remove the seat of ${seat.name ?? seat.userRef}`}
                    onClick={() =>
                      confirmAction({
                        title: `Remove ${seat.name ?? seat.userRef}'s seat?`,
                        body: `${seat.userRef} no longer counts as a user of ${license.name}.`,
                        confirmLabel: 'Remove seat',
                        destructive: true,
                        onConfirm: () => remove.mutate({ licenseId: license.id, seatId: seat.id }),
                      })
                    }
                  >
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <AssignSeat
        licenseId={license.id}
        licenseName={license.name}
        opened={assigning}
        onClose={() => setAssigning(false)}
        onAssigned={onChanged}
      />
    </Paper>
  );
}

function AssignSeat(props: {
  licenseId: string;
  licenseName: string;
  opened: boolean;
  onClose: () => void;
  onAssigned: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const assign = useMutation(trpc.accountLicenses.assignSeat.mutationOptions());
  const form = useForm({ mode: 'controlled', initialValues: { email: '', name: '', userRef: '' } });
  const close = () => {
    form.reset();
    props.onClose();
  };
  const submit = form.onSubmit(async (values) => {
    try {
      const seat = await assign.mutateAsync({
        licenseId: props.licenseId,
        email: values.email,
        name: values.name,
        userRef: values.userRef.trim() === '' ? null : values.userRef,
      });
      await props.onAssigned();
      notifySuccess('Seat assigned', `${seat.email ?? seat.userRef} was emailed about it.`, seat);
      close();
    } catch (error) {
      form.setErrors(formErrors(error, ['email', 'name', 'userRef']));
    }
  });
  return (
    <FormDialog opened={props.opened} onClose={close} title={`Assign a seat on ${props.licenseName}`}>
      <ModalForm
        onSubmit={submit}
        onCancel={close}
        submitLabel="Assign seat"
        submitting={assign.isPending}
        error={form.errors._}
      >
        <TextInput
          label="Email"
          type="email"
          withAsterisk
          autoComplete="off"
          {...form.getInputProps('email')}
        />
        <TextInput label="Name" autoComplete="off" {...form.getInputProps('name')} />
        <TextInput
          label="User id in the app"
          description="Leave empty when the app knows its users by email."
          autoComplete="off"
          {...form.getInputProps('userRef')}
        />
      </ModalForm>
    </FormDialog>
  );
}
