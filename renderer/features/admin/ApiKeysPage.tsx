import { Alert, Badge, Button, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconKey } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { TENANT_ROLE_INFO } from '../../../shared/admin/roles';
import type { TenantRole } from '../../../shared/permissions';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { usePageActions } from '../../shell/page-actions';
import { useCan, useSession } from '../../shell/session';
import { DateText } from '../../ui/DateText';
import { FormDialog, ModalForm } from '../../ui/FormModal';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { PageHeader } from '../../ui/PageHeader';
import { plainTable } from '../../ui/plain-table';
import { confirmAction } from '../../ui/confirm';
import { SecretOnce } from './SecretOnce';
import { formErrors } from './server-errors';
import type { ApiKeyRow } from './types';

const ROLE_OPTIONS = Object.entries(TENANT_ROLE_INFO).map(([value, { label }]) => ({ value, label }));

function CreateKeyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.admin.apiKeys.create.mutationOptions());
  const [issued, setIssued] = useState<string | null>(null);
  const form = useForm({ mode: 'controlled', initialValues: { name: '', role: 'viewer' } });
  const close = () => {
    form.reset();
    setIssued(null);
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    try {
      const { key } = await create.mutateAsync({ name: values.name, role: values.role as TenantRole });
      await queryClient.invalidateQueries({ queryKey: trpc.admin.apiKeys.pathKey() });
      setIssued(key);
    } catch (error) {
      form.setErrors(formErrors(error, ['name', 'role']));
    }
  });
  return (
    <FormDialog opened={opened} onClose={close} title={issued ? 'API key created' : 'New API key'}>
      {issued ? (
        <SecretOnce
          label="API key"
          value={issued}
          note="Put it in the app's configuration now; the app sends it as a Bearer token."
        />
      ) : (
        <ModalForm
          onSubmit={submit}
          onCancel={close}
          submitLabel="Create key"
          submitting={create.isPending}
          error={form.errors._}
        >
          <TextInput
            label="Name"
            description="What uses it, e.g. Course site"
            withAsterisk
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Select
            label="Role"
            description="The key acts in this tenant with this role."
            data={ROLE_OPTIONS}
            allowDeselect={false}
            withAsterisk
            {...form.getInputProps('role')}
          />
        </ModalForm>
      )}
    </FormDialog>
  );
}

function RevokeButton({ apiKey }: { apiKey: ApiKeyRow }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.admin.apiKeys.revoke.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.admin.apiKeys.pathKey() }),
    }),
  );
  return (
    <Button
      size="xs"
      variant="subtle"
      color="red"
      loading={revoke.isPending}
      onClick={() =>
        confirmAction({
          title: `Revoke ${apiKey.name}?`,
          body: `Apps using the key ${apiKey.prefix}… are refused from now on. This cannot be undone; make a new key if you need one.`,
          confirmLabel: 'Revoke key',
          destructive: true,
          onConfirm: () =>
            revoke.mutate(
              { id: apiKey.id },
              {
                onSuccess: () => notifySuccess('API key revoked', apiKey.name),
                onError: (error) => notifyError(error, 'Could not revoke the key'),
              },
            ),
        })
      }
    >
      Revoke
    </Button>
  );
}

function KeysTable({ keys }: { keys: ApiKeyRow[] }) {
  if (keys.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        No API keys yet.
      </Text>
    );
  }
  return (
    <Paper withBorder radius="lg" p="md">
      <Table {...plainTable} aria-label="API keys">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Key</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th aria-label="Actions" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((apiKey) => (
            <Table.Tr key={apiKey.id}>
              <Table.Td>
                <Text size="sm" fw={550}>
                  {apiKey.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {apiKey.prefix}…
                </Text>
              </Table.Td>
              <Table.Td>{TENANT_ROLE_INFO[apiKey.role].label}</Table.Td>
              <Table.Td>
                <DateText ms={apiKey.createdAt} size="sm" />
                {apiKey.createdBy && (
                  <Text size="xs" c="dimmed">
                    by {apiKey.createdBy}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {apiKey.lastUsedAt === null ? (
                  <Text size="sm" c="dimmed">
                    Never
                  </Text>
                ) : (
                  <DateText ms={apiKey.lastUsedAt} size="sm" />
                )}
              </Table.Td>
              <Table.Td>
                {apiKey.revokedAt === null ? (
                  <Badge color="teal" variant="light">
                    Active
                  </Badge>
                ) : (
                  <Badge color="gray" variant="light">
                    Revoked
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">{apiKey.revokedAt === null && <RevokeButton apiKey={apiKey} />}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** The tenant's service keys for the platform's own apps: made (shown once), listed, revoked. */
export function ApiKeysPage() {
  useDocumentTitle('API keys · Tollgate');
  const trpc = useTRPC();
  const session = useSession();
  const allowed = useCan('users.manage');
  const keys = useQuery({ ...trpc.admin.apiKeys.list.queryOptions(), enabled: allowed });
  const [creating, create] = useDisclosure(false);
  usePageActions(
    useMemo(
      () =>
        allowed
          ? [{ id: 'new-api-key', label: 'New API key', keywords: 'create add key token', run: create.open }]
          : [],
      [allowed, create.open],
    ),
  );
  if (!allowed) {
    return (
      <Alert color="gray" title="Admins only" maw={560}>
        Your role does not manage this tenant&apos;s API keys.
      </Alert>
    );
  }
  return (
    <Stack gap="lg">
      <PageHeader
        title="API keys"
        description={`Keys your own apps use to act in ${session.tenant.name}, each with one role.`}
        actions={
          <Button leftSection={<IconKey size={16} />} onClick={create.open}>
            New API key
          </Button>
        }
      />
      {keys.data ? (
        <KeysTable keys={keys.data} />
      ) : (
        <LoadOrProblem error={keys.error} what="list of API keys" />
      )}
      <CreateKeyModal opened={creating} onClose={create.close} />
    </Stack>
  );
}
