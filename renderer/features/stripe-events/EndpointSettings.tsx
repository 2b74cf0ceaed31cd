import { Button, Code, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconKey } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { firstFieldErrors, readServerProblem } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useCan } from '../../shell/session';
import { FormModal } from '../../ui/FormModal';

function SecretModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.stripeEvents.setSecret.mutationOptions());
  const form = useForm({ mode: 'controlled', initialValues: { secret: '' } });
  const close = () => {
    form.reset();
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    try {
      await save.mutateAsync({ secret: values.secret });
      notifySuccess('Signing secret saved', 'Deliveries signed with it are accepted from now on.');
      await queryClient.invalidateQueries({ queryKey: trpc.stripeEvents.endpoint.queryKey() });
      close();
    } catch (error) {
      const problem = readServerProblem(error);
      const fields = firstFieldErrors(problem.fieldErrors);
      form.setErrors(fields.secret ? { secret: fields.secret } : { _: problem.message });
    }
  });
  return (
    <FormModal
      opened={opened}
      onClose={close}
      title="Webhook signing secret"
      onSubmit={submit}
      submitLabel="Save secret"
      submitting={save.isPending}
      error={form.errors._}
    >
      <PasswordInput
        label="Signing secret"
        description="From the endpoint's page in the Stripe Dashboard (whsec_…). It is never shown again."
        autoComplete="off"
        withAsterisk
        data-autofocus
        {...form.getInputProps('secret')}
      />
    </FormModal>
  );
}

/** Where Stripe should deliver this workspace's events, and whether deliveries can be verified. */
export function EndpointSettings() {
  const trpc = useTRPC();
  const endpoint = useQuery(trpc.stripeEvents.endpoint.queryOptions()).data;
  const canSet = useCan('settings.write');
  const [opened, modal] = useDisclosure(false);
  if (!endpoint) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Webhook endpoint">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6}>
          <Title order={2} size="h5">
            Stripe endpoint
          </Title>
          <Text size="sm" c="dimmed">
            In Stripe, add an endpoint at your server&apos;s public address followed by{' '}
            <Code data-testid="endpoint-path">{endpoint.path}</Code>
          </Text>
          <Text size="sm" data-testid="endpoint-secret">
            {endpoint.configured
              ? `Signing secret configured, ends in …${endpoint.endsWith ?? ''}${
                  endpoint.updatedAt ? ` (set ${formatDateTime(endpoint.updatedAt)})` : ''
                }`
              : 'No signing secret yet: deliveries are refused until one is set.'}
          </Text>
        </Stack>
        {canSet && (
          <Button variant="default" leftSection={<IconKey size={16} stroke={1.75} />} onClick={modal.open}>
            {endpoint.configured ? 'Replace secret' : 'Set secret'}
          </Button>
        )}
      </Group>
      <SecretModal opened={opened} onClose={modal.close} />
    </Paper>
  );
}
