import { Alert, Badge, Button, Group, Menu, Paper, Stack, Table, Text, ActionIcon } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { formatDate } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useCan, useSession } from '../../shell/session';
import { useSwitchTenant } from '../../shell/TenantSwitcher';
import { usePageActions } from '../../shell/page-actions';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { PageHeader } from '../../ui/PageHeader';
import { plainTable } from '../../ui/plain-table';
import { confirmAction } from '../../ui/confirm';
import { InviteModal } from './InviteModal';
import { notifyTenantCreated } from './TenantCreatedToast';
import { TenantModal, useTenantsChanged } from './TenantModal';
import type { TenantRow } from './types';

function StatusBadge({ status }: { status: TenantRow['status'] }) {
  return status === 'active' ? (
    <Badge color="teal" variant="light">
      Active
    </Badge>
  ) : (
    <Badge color="red" variant="light">
      Suspended
    </Badge>
  );
}

function TenantActions({
  tenant,
  onRename,
  onInvite,
}: {
  tenant: TenantRow;
  onRename: () => void;
  onInvite: () => void;
}) {
  const trpc = useTRPC();
  const changed = useTenantsChanged();
  const done = {
    onSettled: () => void changed(),
    onError: (error: unknown) => notifyError(error, 'Could not change the tenant'),
  };
  const suspend = useMutation(trpc.tenants.suspend.mutationOptions(done));
  const reactivate = useMutation(trpc.tenants.reactivate.mutationOptions(done));
  const confirmSuspend = () =>
    confirmAction({
      title: `Suspend ${tenant.name}?`,
      body: `Its members and API keys are refused from now on, until you reactivate it. Its data stays as it is, and platform staff can still open it.`,
      confirmLabel: 'Suspend tenant',
      destructive: true,
      onConfirm: () =>
        suspend.mutate(
          { id: tenant.id },
          { onSuccess: () => notifySuccess('Tenant suspended', `${tenant.name} is suspended.`) },
        ),
    });
  const confirmReactivate = () =>
    confirmAction({
      title: `Reactivate ${tenant.name}?`,
      body: 'Its members and API keys can work in it again.',
      confirmLabel: 'Reactivate',
      onConfirm: () =>
        reactivate.mutate(
          { id: tenant.id },
          { onSuccess: () => notifySuccess('Tenant reactivated', `${tenant.name} is active again.`) },
        ),
    });
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${tenant.name}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {tenant.status === 'active' && <Menu.Item onClick={onInvite}>Invite someone</Menu.Item>}
        <Menu.Item onClick={onRename}>Rename</Menu.Item>
        {tenant.status === 'active' ? (
          <Menu.Item color="red" onClick={confirmSuspend}>
            Suspend
          </Menu.Item>
        ) : (
          <Menu.Item onClick={confirmReactivate}>Reactivate</Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

function TenantTable({
  tenants,
  onRename,
  onInvite,
}: {
  tenants: TenantRow[];
  onRename: (t: TenantRow) => void;
  onInvite: (t: TenantRow) => void;
}) {
  const current = useSession().tenant.id;
  return (
    <Paper withBorder radius="lg" p="md">
      <Table {...plainTable} aria-label="Tenants" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Slug</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Members</Table.Th>
            <Table.Th ta="right">API keys</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th aria-label="Actions" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tenants.map((tenant) => (
            <Table.Tr key={tenant.id}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={550}>
                    {tenant.name}
                  </Text>
                  {tenant.id === current && (
                    <Badge size="xs" variant="outline">
                      You are here
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {tenant.slug}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={tenant.status} />
              </Table.Td>
              <Table.Td ta="right">{tenant.memberCount}</Table.Td>
              <Table.Td ta="right">{tenant.apiKeyCount}</Table.Td>
              <Table.Td>{formatDate(tenant.createdAt)}</Table.Td>
              <Table.Td ta="right">
                <TenantActions
                  tenant={tenant}
                  onRename={() => onRename(tenant)}
                  onInvite={() => onInvite(tenant)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** Every tenant of the platform, for platform staff who manage tenants. */
export function TenantsPage() {
  useDocumentTitle('Tenants · Tollgate');
  const trpc = useTRPC();
  const allowed = useCan('tenants.manage');
  const tenants = useQuery({ ...trpc.tenants.list.queryOptions(), enabled: allowed });
  const [opened, modal] = useDisclosure(false);
  usePageActions(
    useMemo(
      () =>
        allowed
          ? [{ id: 'new-tenant', label: 'New tenant', keywords: 'create add workspace', run: modal.open }]
          : [],
      [allowed, modal.open],
    ),
  );
  const [renaming, setRenaming] = useState<TenantRow | null>(null);
  const [invitingTo, setInvitingTo] = useState<string | null>(null);
  const roles = useQuery({ ...trpc.admin.roles.queryOptions(), enabled: allowed });
  const switchTo = useSwitchTenant();
  const changed = useTenantsChanged();
  const onCreated = (created: { id: string; name: string }) =>
    notifyTenantCreated(created, {
      // The session must list the new tenant before the dialog can offer it.
      invite: () => void changed().then(() => setInvitingTo(created.id)),
      open: () => void switchTo(created.id),
    });
  if (!allowed) {
    return (
      <Alert color="gray" title="Platform staff only" maw={560}>
        Tenants are managed by the platform&apos;s owners and admins.
      </Alert>
    );
  }
  return (
    <Stack gap="lg">
      <PageHeader
        title="Tenants"
        description="Every workspace on this platform. A suspended tenant's members and API keys are refused."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={modal.open}>
            New tenant
          </Button>
        }
      />
      {tenants.data ? (
        <TenantTable tenants={tenants.data} onRename={setRenaming} onInvite={(t) => setInvitingTo(t.id)} />
      ) : (
        <LoadOrProblem error={tenants.error} what="list of tenants" />
      )}
      <TenantModal opened={opened} onClose={modal.close} tenant={null} onCreated={onCreated} />
      {invitingTo && roles.data && (
        <InviteModal
          key={invitingTo}
          opened
          onClose={() => setInvitingTo(null)}
          grantable={roles.data.grantable}
          tenantId={invitingTo}
        />
      )}
      {renaming && (
        <TenantModal key={renaming.id} opened onClose={() => setRenaming(null)} tenant={renaming} />
      )}
    </Stack>
  );
}
