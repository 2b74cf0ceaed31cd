import { Alert, Button, Stack, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { PLATFORM_ROLE_INFO, TENANT_ROLE_INFO } from '../../../shared/admin/roles';
import type { PlatformRole, TenantRole } from '../../../shared/permissions';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useCan, useSession } from '../../shell/session';
import { usePageActions } from '../../shell/page-actions';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { PageHeader } from '../../ui/PageHeader';
import { confirmAction } from '../../ui/confirm';
import { InvitationsTable } from './InvitationsTable';
import { InviteModal } from './InviteModal';
import { MembersTable } from './MembersTable';
import type { MemberRow, RolesInfo } from './types';

const labelsOf = (info: Record<string, { label: string }>) =>
  Object.fromEntries(Object.entries(info).map(([role, { label }]) => [role, label]));
const TENANT_LABELS = labelsOf(TENANT_ROLE_INFO);
const PLATFORM_LABELS = labelsOf(PLATFORM_ROLE_INFO);

function useMemberCommands(scope: 'tenant' | 'platform') {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const procedures = scope === 'tenant' ? trpc.admin.members : trpc.admin.platformMembers;
  const refresh = { onSettled: () => queryClient.invalidateQueries({ queryKey: procedures.pathKey() }) };
  const changeRole = useMutation(trpc.admin.members.changeRole.mutationOptions(refresh));
  const changePlatformRole = useMutation(trpc.admin.platformMembers.changeRole.mutationOptions(refresh));
  const removeMember = useMutation(trpc.admin.members.remove.mutationOptions(refresh));
  const removeStaff = useMutation(trpc.admin.platformMembers.remove.mutationOptions(refresh));
  const remove = scope === 'tenant' ? removeMember : removeStaff;
  const onChangeRole = (member: MemberRow, role: string) => {
    const options = {
      onSuccess: () => notifySuccess('Role changed', `${member.name} is now ${role}.`),
      onError: (error: unknown) => notifyError(error, 'Could not change the role'),
    };
    if (scope === 'tenant') changeRole.mutate({ userId: member.userId, role: role as TenantRole }, options);
    else changePlatformRole.mutate({ userId: member.userId, role: role as PlatformRole }, options);
  };
  const onRemove = (member: MemberRow) =>
    confirmAction({
      title: `Remove ${member.name}?`,
      body:
        scope === 'tenant'
          ? `${member.name} loses access to this tenant at once. Their past work stays in the audit log.`
          : `${member.name} loses their platform role at once. Their tenant memberships stay.`,
      confirmLabel: 'Remove',
      destructive: true,
      onConfirm: () =>
        remove.mutate(
          { userId: member.userId },
          {
            onSuccess: () => notifySuccess('Member removed', member.name),
            onError: (error) => notifyError(error, 'Could not remove the member'),
          },
        ),
    });
  return { onChangeRole, onRemove };
}

function PlatformStaff({ grantable }: { grantable: RolesInfo['grantable'] }) {
  const trpc = useTRPC();
  const staff = useQuery(trpc.admin.platformMembers.list.queryOptions());
  const commands = useMemberCommands('platform');
  return (
    <Stack gap="sm" component="section" aria-label="Platform staff">
      <Title order={3} size="h4">
        Platform staff
      </Title>
      {staff.data ? (
        <MembersTable
          label="Platform staff"
          members={staff.data}
          roleLabels={PLATFORM_LABELS}
          grantable={grantable.platform}
          {...commands}
        />
      ) : (
        <LoadOrProblem error={staff.error} what="platform staff" />
      )}
      <InvitationsTable scope="platform" roleLabels={PLATFORM_LABELS} />
    </Stack>
  );
}

/** Who works in this tenant and with which role; invitations; and, for platform admins, the staff. */
export function MembersPage() {
  useDocumentTitle('Members · Tollgate');
  const trpc = useTRPC();
  const session = useSession();
  const allowed = useCan('users.manage');
  const members = useQuery({ ...trpc.admin.members.list.queryOptions(), enabled: allowed });
  const roles = useQuery(trpc.admin.roles.queryOptions());
  const commands = useMemberCommands('tenant');
  const [inviting, invite] = useDisclosure(false);
  const canInvite = allowed && Boolean(roles.data);
  usePageActions(
    useMemo(
      () =>
        canInvite
          ? [
              {
                id: 'invite',
                label: 'Invite someone',
                keywords: 'add member user invitation',
                run: invite.open,
              },
            ]
          : [],
      [canInvite, invite.open],
    ),
  );
  if (!allowed) {
    return (
      <Alert color="gray" title="Admins only" maw={560}>
        Your role does not manage this tenant&apos;s members.
      </Alert>
    );
  }
  const grantable = roles.data?.grantable ?? { tenant: [], platform: [] };
  return (
    <Stack gap="lg">
      <PageHeader
        title="Members"
        description={`People who work in ${session.tenant.name}, and their roles.`}
        actions={
          <Button leftSection={<IconUserPlus size={16} />} onClick={invite.open} disabled={!roles.data}>
            Invite
          </Button>
        }
      />
      {members.data ? (
        <MembersTable
          label="Members"
          members={members.data}
          roleLabels={TENANT_LABELS}
          grantable={grantable.tenant}
          {...commands}
        />
      ) : (
        <LoadOrProblem error={members.error} what="list of members" />
      )}
      <InvitationsTable scope="tenant" roleLabels={TENANT_LABELS} />
      {grantable.platform.length > 0 && <PlatformStaff grantable={grantable} />}
      <InviteModal opened={inviting} onClose={invite.close} grantable={grantable} />
    </Stack>
  );
}
