import { SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PLATFORM_ROLE_INFO, TENANT_ROLE_INFO } from '../../../shared/admin/roles';
import type { PlatformRole, TenantRole } from '../../../shared/permissions';
import { useTRPC } from '../../lib/trpc';
import { FormDialog, ModalForm } from '../../ui/FormModal';
import { SecretOnce } from './SecretOnce';
import { formErrors } from './server-errors';
import type { RolesInfo } from './types';

type Scope = 'tenant' | 'platform';

/** Invites someone by email with a role; the invitation code is then shown once to pass on. */
export function InviteModal({
  opened,
  onClose,
  tenantName,
  grantable,
}: {
  opened: boolean;
  onClose: () => void;
  tenantName: string;
  grantable: RolesInfo['grantable'];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invite = useMutation(trpc.admin.invitations.create.mutationOptions());
  // A connected desktop knows the server's address, which the invitee needs too.
  const serverUrl = useQuery(trpc.connection.status.queryOptions()).data?.serverUrl ?? null;
  const [issued, setIssued] = useState<{ email: string; token: string } | null>(null);
  const form = useForm<{ scope: Scope; email: string; role: string }>({
    mode: 'controlled',
    initialValues: { scope: 'tenant', email: '', role: 'viewer' },
  });
  const close = () => {
    form.reset();
    setIssued(null);
    onClose();
  };
  const scope = form.values.scope;
  const roles =
    scope === 'tenant'
      ? grantable.tenant.map((r) => ({ value: r, label: TENANT_ROLE_INFO[r].label }))
      : grantable.platform.map((r) => ({ value: r, label: PLATFORM_ROLE_INFO[r].label }));

  const submit = form.onSubmit(async (values) => {
    try {
      const input =
        values.scope === 'tenant'
          ? { scope: 'tenant' as const, email: values.email, role: values.role as TenantRole }
          : { scope: 'platform' as const, email: values.email, role: values.role as PlatformRole };
      const { invitation, token } = await invite.mutateAsync(input);
      await queryClient.invalidateQueries({ queryKey: trpc.admin.invitations.pathKey() });
      setIssued({ email: invitation.email, token });
    } catch (error) {
      form.setErrors(formErrors(error, ['email', 'role']));
    }
  });

  return (
    <FormDialog opened={opened} onClose={close} title={issued ? 'Invitation created' : 'Invite someone'}>
      {issued ? (
        <SecretOnce
          label="Invitation code"
          value={issued.token}
          note={`Send ${issued.email} this code and the server address${serverUrl ? ` (${serverUrl})` : ''}, with these steps: in Tollgate, open Connect → I have an invitation, enter the server address and this code, then choose a name and password. The code works once, within 7 days.`}
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
                  { value: 'tenant', label: tenantName },
                  { value: 'platform', label: 'Platform staff' },
                ]}
                value={scope}
                onChange={(value) => {
                  form.setFieldValue('scope', value as Scope);
                  form.setFieldValue('role', value === 'tenant' ? 'viewer' : 'analyst');
                }}
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
