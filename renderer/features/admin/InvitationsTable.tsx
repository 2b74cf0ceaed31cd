import { Badge, Button, Paper, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { DateText } from '../../ui/DateText';
import { plainTable } from '../../ui/plain-table';
import { confirmAction } from '../../ui/confirm';

/** Invitations not yet accepted or revoked, of the tenant or of the platform staff. */
export function InvitationsTable({
  scope,
  roleLabels,
}: {
  scope: 'tenant' | 'platform';
  roleLabels: Record<string, string>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invitations = useQuery(trpc.admin.invitations.list.queryOptions({ scope }));
  const revoke = useMutation(
    trpc.admin.invitations.revoke.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.admin.invitations.pathKey() }),
    }),
  );
  const rows = invitations.data ?? [];
  if (rows.length === 0) return null;
  const title = scope === 'tenant' ? 'Open invitations' : 'Open staff invitations';
  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      <Table {...plainTable} aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Sent</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th aria-label="Actions" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((invitation) => (
            <Table.Tr key={invitation.id}>
              <Table.Td>{invitation.email}</Table.Td>
              <Table.Td>{roleLabels[invitation.role] ?? invitation.role}</Table.Td>
              <Table.Td>
                <DateText ms={invitation.createdAt} size="sm" />
              </Table.Td>
              <Table.Td>
                {invitation.status === 'expired' ? (
                  <Badge color="gray" variant="light">
                    Expired
                  </Badge>
                ) : (
                  <Text size="sm">{formatDateTime(invitation.expiresAt)}</Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() =>
                    confirmAction({
                      title: `Revoke the invitation for ${invitation.email}?`,
                      body: 'Its code stops working at once. You can invite them again later.',
                      confirmLabel: 'Revoke invitation',
                      destructive: true,
                      onConfirm: () =>
                        revoke.mutate(
                          { id: invitation.id },
                          {
                            onSuccess: () => notifySuccess('Invitation revoked', invitation.email),
                            onError: (error) => notifyError(error, 'Could not revoke the invitation'),
                          },
                        ),
                    })
                  }
                >
                  Revoke
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
