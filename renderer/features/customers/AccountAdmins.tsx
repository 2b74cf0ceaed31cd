import { Button, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { readServerProblem } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useCan } from '../../shell/session';
import { FormDialog, ModalForm } from '../../ui/FormModal';
import { PeopleSection, PersonEmailInput, RemovePersonButton } from '../../ui/PeopleSection';
import { SecretOnce } from '../../ui/SecretOnce';
import { useDialogForm } from '../admin/dialog-form';

/**
 * The customer's account admins (decision 145): people at the customer who sign in to see
 * their own account. Staff who manage users invite them by email (the code goes out through
 * the outbox and is shown once here), revoke an open invitation, or remove an admin.
 */
export function AccountAdmins({ customer }: { customer: { id: string; name: string; status: string } }) {
  const trpc = useTRPC();
  const canManage = useCan('users.manage');
  const queryClient = useQueryClient();
  const list = useQuery({
    ...trpc.accountAdmins.list.queryOptions({ customerId: customer.id }),
    enabled: canManage,
  });
  const [inviting, setInviting] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.accountAdmins.list.pathKey() });
  const remove = useMutation(
    trpc.accountAdmins.remove.mutationOptions({
      onSuccess: async () => {
        await refresh();
        notifySuccess('Account admin removed');
      },
      onError: (error) => notifyError(error, 'Could not remove the account admin'),
    }),
  );
  const revoke = useMutation(
    trpc.accountAdmins.revokeInvitation.mutationOptions({
      onSuccess: async () => {
        await refresh();
        notifySuccess('Invitation revoked');
      },
      onError: (error) => notifyError(error, 'Could not revoke the invitation'),
    }),
  );
  if (!canManage) return null;
  const admins = list.data?.admins ?? [];
  const invitations = list.data?.invitations ?? [];
  return (
    <PeopleSection
      title="Account admins"
      description={`People at ${customer.name} who sign in to see their own account: subscriptions, invoices and receipts.`}
      addLabel="Invite account admin"
      onAdd={() => setInviting(true)}
      addDisabled={customer.status !== 'active'}
    >
      {list.error && <Text c="red">{readServerProblem(list.error).message}</Text>}
      {admins.length === 0 && invitations.length === 0 ? (
        <Text size="sm" c="dimmed">
          {list.isPending ? 'Loading…' : 'No account admins yet.'}
        </Text>
      ) : (
        <Table aria-label="Account admins" verticalSpacing="xs">
          <Table.Tbody>
            {admins.map((admin) => (
              <Table.Tr key={admin.id}>
                <Table.Td>{admin.name}</Table.Td>
                <Table.Td>{admin.email}</Table.Td>
                <Table.Td>Admin since {formatDate(admin.createdAt)}</Table.Td>
                <Table.Td ta="right">
                  <RemovePersonButton
                    title={`Remove ${admin.name}?`}
                    body={`${admin.email} can no longer see ${customer.name}'s account.`}
                    confirmLabel="Remove admin"
                    onConfirm={() => remove.mutate({ customerId: customer.id, userId: admin.userId })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
            {invitations.map((invitation) => (
              <Table.Tr key={invitation.id}>
                <Table.Td>Invited</Table.Td>
                <Table.Td>{invitation.email}</Table.Td>
                <Table.Td>
                  {invitation.status === 'expired' ? 'Expired' : `Until ${formatDate(invitation.expiresAt)}`}
                </Table.Td>
                <Table.Td ta="right">
                  <Button size="xs" variant="subtle" onClick={() => revoke.mutate({ id: invitation.id })}>
                    Revoke
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <InviteAccountAdmin
        customerId={customer.id}
        customerName={customer.name}
        opened={inviting}
        onClose={() => setInviting(false)}
        onInvited={refresh}
      />
    </PeopleSection>
  );
}

function InviteAccountAdmin(props: {
  customerId: string;
  customerName: string;
  opened: boolean;
  onClose: () => void;
  onInvited: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const invite = useMutation(trpc.accountAdmins.invite.mutationOptions());
  const [issued, setIssued] = useState<{ email: string; token: string } | null>(null);
  const { form, close, submit } = useDialogForm({
    initialValues: { email: '' },
    onClose: () => {
      setIssued(null);
      props.onClose();
    },
    onSubmit: async (values) => {
      const { invitation, token } = await invite.mutateAsync({
        customerId: props.customerId,
        email: values.email,
      });
      await props.onInvited();
      setIssued({ email: invitation.email, token });
    },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={close}
      title={issued ? 'Invitation sent' : `Invite an admin of ${props.customerName}`}
    >
      {issued ? (
        <SecretOnce
          label="Invitation code"
          value={issued.token}
          note={`${issued.email} was emailed this code with the steps to accept it. Pass it on yourself if the email does not arrive.`}
        />
      ) : (
        <ModalForm
          onSubmit={submit}
          onCancel={close}
          submitLabel="Send invitation"
          submitting={invite.isPending}
          error={form.errors._}
        >
          <PersonEmailInput {...form.getInputProps('email')} />
        </ModalForm>
      )}
    </FormDialog>
  );
}
