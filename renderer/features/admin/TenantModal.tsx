import { TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { FormModal } from '../../ui/FormModal';
import { formErrors } from './server-errors';
import { slugFrom } from './slug';
import type { TenantRow } from './types';

/** Refreshes what shows tenants after one changed. */
export function useTenantsChanged() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The tenant switcher lists tenants from the session, so it refreshes too.
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.tenants.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.tenants.session.queryKey() }),
    ]);
}

/** Creates a tenant (name and slug), or renames `tenant` when given. */
export function TenantModal({
  opened,
  onClose,
  tenant,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  tenant: TenantRow | null;
  /** Told of a new tenant, to offer what comes next (its first admin). */
  onCreated?: (created: { id: string; name: string }) => void;
}) {
  const trpc = useTRPC();
  const changed = useTenantsChanged();
  const create = useMutation(trpc.tenants.create.mutationOptions());
  const rename = useMutation(trpc.tenants.rename.mutationOptions());
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: tenant?.name ?? '', slug: '', slugTouched: false },
  });
  const close = () => {
    form.reset();
    onClose();
  };
  const submit = form.onSubmit(async ({ name, slug }) => {
    try {
      if (tenant) {
        await rename.mutateAsync({ id: tenant.id, name });
        notifySuccess('Tenant renamed', `${tenant.name} is now ${name.trim()}.`);
      } else {
        const created = await create.mutateAsync({ name, slug });
        onCreated?.(created);
      }
      await changed();
      close();
    } catch (error) {
      form.setErrors(formErrors(error, ['name', 'slug']));
    }
  });
  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={tenant ? `Rename ${tenant.name}` : 'New tenant'}
      onSubmit={submit}
      submitLabel={tenant ? 'Rename' : 'Create tenant'}
      submitting={create.isPending || rename.isPending}
      error={form.errors._}
    >
      <TextInput
        label="Name"
        withAsterisk
        data-autofocus
        {...form.getInputProps('name')}
        onChange={(event) => {
          const name = event.currentTarget.value;
          form.setFieldValue('name', name);
          if (!tenant && !form.values.slugTouched) form.setFieldValue('slug', slugFrom(name));
        }}
      />
      {!tenant && (
        <TextInput
          label="Slug"
          description="Lowercase letters, digits and hyphens; it names the tenant in addresses."
          withAsterisk
          {...form.getInputProps('slug')}
          onChange={(event) => {
            form.setFieldValue('slug', event.currentTarget.value);
            form.setFieldValue('slugTouched', true);
          }}
        />
      )}
    </FormModal>
  );
}
