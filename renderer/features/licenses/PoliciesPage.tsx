import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useSession } from '../../shell/session';
import { confirmAction } from '../../ui/confirm';
import { FormDialog } from '../../ui/FormModal';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { PageHeader } from '../../ui/PageHeader';
import { plainTable } from '../../ui/plain-table';
import { NEW_POLICY, policyFormValues } from './policy-form-values';
import { PolicyForm } from './PolicyForm';
import { limitText, MACHINE_MODE_TEXT, OVERAGE_TEXT } from './policy-text';
import type { PolicyRecord } from './types';

type Editing = { kind: 'new' } | { kind: 'edit'; policy: PolicyRecord } | null;

const durationOf = (p: PolicyRecord) =>
  p.durationKind === 'SUBSCRIPTION' ? 'Follows subscription' : `${p.durationDays ?? 0} days`;

/** The license policies: what each license issued under them allows. */
export function PoliciesPage() {
  useDocumentTitle('License policies · Tollgate');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { permissions } = useSession();
  const canManage = permissions.includes('licensing.manage');
  const policies = useQuery(trpc.licensePolicies.list.queryOptions({ includeArchived: true }));
  const catalog = useQuery({ ...trpc.catalog.overview.queryOptions(), staleTime: 60_000 });
  const productName = (id: string) => catalog.data?.products.find((p) => p.id === id)?.name ?? id;
  const [editing, setEditing] = useState<Editing>(null);
  const onSettled = () => queryClient.invalidateQueries({ queryKey: trpc.licensePolicies.pathKey() });
  const create = useMutation(trpc.licensePolicies.create.mutationOptions({ onSettled }));
  const update = useMutation(trpc.licensePolicies.update.mutationOptions({ onSettled }));
  const archive = useMutation(trpc.licensePolicies.archive.mutationOptions({ onSettled }));

  const askArchive = (p: PolicyRecord) =>
    confirmAction({
      title: `Archive ${p.name}?`,
      body: 'No new license can be issued under it. Licenses already issued keep working under its rules.',
      confirmLabel: 'Archive policy',
      onConfirm: () =>
        archive.mutate(
          { id: p.id, expectedVersion: p.version },
          {
            onSuccess: (answer) => notifySuccess('Policy archived', p.name, answer),
            onError: (error) => notifyError(error, 'Could not archive the policy'),
          },
        ),
    });

  return (
    <Stack gap="lg">
      <PageHeader
        above={
          <Anchor component={Link} to="/licenses" size="sm" c="dimmed">
            ← Licenses
          </Anchor>
        }
        title="License policies"
        description="Duration, machines, seats, expiry and usage limits: the rules a license is issued under."
        actions={
          canManage && (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setEditing({ kind: 'new' })}
            >
              New policy
            </Button>
          )
        }
      />
      <Paper withBorder radius="lg" p="lg">
        {!policies.data ? (
          <LoadOrProblem error={policies.error} what="policies" />
        ) : policies.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            No policy yet. Create one, then issue licenses under it.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table {...plainTable} aria-label="Policies" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Product</Table.Th>
                  <Table.Th>Duration</Table.Th>
                  <Table.Th>Machines</Table.Th>
                  <Table.Th>Seats</Table.Th>
                  <Table.Th>Overage</Table.Th>
                  <Table.Th>Limits</Table.Th>
                  <Table.Th aria-label="Actions" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {policies.data.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Anchor
                          size="sm"
                          renderRoot={(props) => <Link to="/licenses" search={{ policy: p.id }} {...props} />}
                        >
                          {p.name}
                        </Anchor>
                        {p.archivedAt !== null && (
                          <Badge color="gray" size="sm">
                            Archived
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{productName(p.productId)}</Table.Td>
                    <Table.Td>{durationOf(p)}</Table.Td>
                    <Table.Td>
                      {p.machineMode === 'FLOATING'
                        ? `Up to ${limitText(p.maxMachines)}`
                        : MACHINE_MODE_TEXT[p.machineMode]}
                    </Table.Td>
                    <Table.Td>{limitText(p.maxUsers)}</Table.Td>
                    <Table.Td>{OVERAGE_TEXT[p.overageStrategy]}</Table.Td>
                    <Table.Td>{p.usageLimits.map((l) => l.metric).join(', ') || '—'}</Table.Td>
                    <Table.Td>
                      {canManage && p.archivedAt === null && (
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button
                            variant="subtle"
                            size="xs"
                            onClick={() => setEditing({ kind: 'edit', policy: p })}
                          >
                            Edit
                          </Button>
                          <Button variant="subtle" size="xs" color="gray" onClick={() => askArchive(p)}>
                            Archive
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <FormDialog
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.kind === 'edit' ? `Edit ${editing.policy.name}` : 'New license policy'}
        size="xl"
      >
        {editing && (
          <PolicyForm
            editing={editing.kind === 'edit'}
            initialValues={editing.kind === 'edit' ? policyFormValues(editing.policy) : NEW_POLICY}
            submitLabel={editing.kind === 'edit' ? 'Save policy' : 'Create policy'}
            onCancel={() => setEditing(null)}
            onSubmit={async (input) => {
              if (editing.kind === 'new') {
                const answer = await create.mutateAsync(input);
                notifySuccess('Policy created', input.name, answer);
              } else {
                const { productId: _product, ...patch } = input;
                const answer = await update.mutateAsync({
                  id: editing.policy.id,
                  expectedVersion: editing.policy.version,
                  patch,
                });
                notifySuccess('Policy saved', input.name, answer);
              }
              setEditing(null);
            }}
          />
        )}
      </FormDialog>
    </Stack>
  );
}
