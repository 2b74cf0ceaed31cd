import { SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PLATFORM_ROLE_INFO, TENANT_ROLE_INFO } from '../../../shared/admin/roles';
import { TENANT_ROLES, type PlatformRole, type TenantRole } from '../../../shared/permissions';
import { useTRPC } from '../../lib/trpc';
import { useSession } from '../../shell/session';
import { FormDialog, ModalForm } from '../../ui/FormModal';
import { SecretOnce } from '../../ui/SecretOnce';
import { formErrors } from './server-errors';
import type { RolesInfo } from './types';

type Scope = 'tenant' | 'platform';

/** The tenants the user may invite into, current first, with `preset` among them. */
function useInvitableTenants() {
  const session = useSession();
  const manages = new Set(session.manages);
  const tenants = session.tenants.filter((t) => manages.has(t.id) && t.status === 'active');
  return [
    ...tenants.filter((t) => t.id === session.tenant.id),
    ...tenants.filter((t) => t.id !== session.tenant.id),
  ];
}

/**
 * Invites someone by email with a role, into a tenant the user manages (the current one,
 * or `tenantId`) or to the platform staff; the invitation code is then shown once to pass on.
 */
export function InviteModal({
  opened,
  onClose,
  grantable,
  tenantId: presetTenantId,
}: {
  opened: boolean;
  onClose: () => void;
  grantable: RolesInfo['grantable'];
  /** The tenant the dialog opens on; the current one when absent. */
  tenantId?: string;
}) {
  const trpc = useTRPC();
  const session = useSession();
  const tenants = useInvitableTenants();
  const [tenantId, setTenantId] = useState(presetTenantId ?? session.tenant.id);
  const tenantName = tenants.find((t) => t.id === tenantId)?.name ?? session.tenant.name;
  // Every tenant role is grantable wherever the user manages members (shared/admin/roles.ts).
  const tenantRoles = tenantId === session.tenant.id ? grantable.tenant : TENANT_ROLES;
  const queryClient = useQueryClient();
  const invite = useMutation(trpc.admin.invitations.create.mutationOptions());
  // A connected desktop knows the server's address, which the invitee needs too.
  const serverUrl = useQuery(trpc.connection.status.queryOptions()).data?.serverUrl ?? null;
  const [issued, setIssued] = useState<{ email: string; token: string; where: string } | null>(null);
  const form = useForm<{ scope: Scope; email: string; role: string }>({
    mode: 'controlled',
    initialValues: { scope: 'tenant', email: '', role: 'viewer' },
  });
  const close = () => {
    form.reset();
    setIssued(null);
    setTenantId(presetTenantId ?? session.tenant.id);
    onClose();
  };
  const scope = form.values.scope;
  const roles =
    scope === 'tenant'
      ? tenantRoles.map((r) => ({ value: r, label: TENANT_ROLE_INFO[r].label }))
      : grantable.platform.map((r) => ({ value: r, label: PLATFORM_ROLE_INFO[r].label }));

  const submit = form.onSubmit(async (values) => {
    try {
      const input =
        values.scope === 'tenant'
          ? { scope: 'tenant' as const, tenantId, email: values.email, role: values.role as TenantRole }
          : { scope: 'platform' as const, email: values.email, role: values.role as PlatformRole };
      const { invitation, token } = await invite.mutateAsync(input);
      await queryClient.invalidateQueries({ queryKey: trpc.admin.invitations.pathKey() });
      setIssued({
        email: invitation.email,
        token,
        where: values.scope === 'tenant' ? tenantName : 'the platform staff',
      });
    } catch (error) {
      form.setErrors(formErrors(error, ['email', 'role']));
    }
  });

  return (
    <FormDialog
      opened={opened}
      onClose={close}
      title={
        issued
          ? 'Invitation created'
          : scope === 'tenant'
            ? `Invite someone to ${tenantName}`
            : 'Invite someone'
      }
    >
      {issued ? (
        <SecretOnce
          label="Invitation code"
          value={issued.token}
          note={`${issued.email} is invited to ${issued.where}. Send them this code and the server address${serverUrl ? ` (${serverUrl})` : ''}, with these steps: in Tollgate, open Connect → I have an invitation, enter the server address and this code, then choose a name and password. The code works once, within 7 days. Tollgate keeps only a fingerprint of it.`}
        />
      ) : (
        <ModalForm
          onSubmit={submit}
          onCancel={close}
          submitLabel="Create invitation"
          submitting={invite.isPending}
          error={form.errors._}
        >
          <Stack gap="md">
            {grantable.platform.length > 0 && (
              <SegmentedControl
                aria-label="Invite to"
                data={[
                  { value: 'tenant', label: tenants.length > 1 ? 'A tenant' : tenantName },
                  { value: 'platform', label: 'Platform staff' },
                ]}
                value={scope}
                onChange={(value) => {
                  form.setFieldValue('scope', value as Scope);
                  form.setFieldValue('role', value === 'tenant' ? 'viewer' : 'analyst');
                }}
              />
            )}
            {scope === 'tenant' && tenants.length > 1 && (
              <Select
                label="Tenant"
                data={tenants.map((t) => ({ value: t.id, label: t.name }))}
                value={tenantId}
                onChange={(id) => id && setTenantId(id)}
                allowDeselect={false}
                searchable={tenants.length > 6}
                withAsterisk
              />
            )}
            <TextInput
              label="Email"
              type="email"
              withAsterisk
              data-autofocus
              {...form.getInputProps('email')}
            />
            <Select
              label="Role"
              data={roles}
              allowDeselect={false}
              withAsterisk
              {...form.getInputProps('role')}
            />
          </Stack>
        </ModalForm>
      )}
    </FormDialog>
  );
}
