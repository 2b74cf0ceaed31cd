import { Table, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDate } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useTRPC } from '../../../lib/trpc';
import { FormDialog, ModalForm } from '../../../ui/FormModal';
import { PeopleSection, PersonEmailInput, RemovePersonButton } from '../../../ui/PeopleSection';
import { useDialogForm } from '../../admin/dialog-form';
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
    <PeopleSection
      title="Seats"
      description={
        <>
          {limitText(seats.length, policy.maxUsers, 'seat')}
          {full ? ' — all taken: remove one to assign another' : ''}
        </>
      }
      addLabel="Assign seat"
      onAdd={() => setAssigning(true)}
      addDisabled={full || revoked}
    >
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
                  <RemovePersonButton
                    aria-label={`Remove the seat of ${seat.name ?? seat.userRef}`}
                    title={`Remove ${seat.name ?? seat.userRef}'s seat?`}
                    body={`${seat.userRef} no longer counts as a user of ${license.name}.`}
                    confirmLabel="Remove seat"
                    onConfirm={() => remove.mutate({ licenseId: license.id, seatId: seat.id })}
                  />
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
    </PeopleSection>
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
  const { form, close, submit } = useDialogForm({
    initialValues: { email: '', name: '', userRef: '' },
    onClose: props.onClose,
    onSubmit: async (values) => {
      const seat = await assign.mutateAsync({
        licenseId: props.licenseId,
        email: values.email,
        name: values.name,
        userRef: values.userRef.trim() === '' ? null : values.userRef,
      });
      await props.onAssigned();
      notifySuccess('Seat assigned', `${seat.email ?? seat.userRef} was emailed about it.`, seat);
      close();
    },
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
        <PersonEmailInput {...form.getInputProps('email')} />
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
