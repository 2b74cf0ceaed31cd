import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { readServerProblem } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { fieldErrorsOf } from './field-errors';
import { FirstSyncProgress } from './FirstSyncProgress';
import { switchData } from './switch-data';
import type { ConnectionStatus } from './types';

interface Values {
  serverUrl: string;
  email: string;
  password: string;
}

/** Sign in to a hosted server; the first sync's progress shows while the replica fills. */
export function ConnectForm({ status }: { status: ConnectionStatus }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<Values>({ initialValues: { serverUrl: '', email: '', password: '' } });
  const connect = useMutation(
    trpc.connection.connect.mutationOptions({
      onSuccess: async () => {
        form.setFieldValue('password', '');
        // Everything on screen now comes from the server's data.
        await switchData(queryClient);
        notifySuccess('Connected', 'This console now works with the server’s data.');
      },
      onError: (error) => form.setErrors(fieldErrorsOf(error)),
    }),
  );
  const problem = connect.error ? readServerProblem(connect.error) : null;
  return (
    <Paper withBorder p="lg" radius="md" maw={520}>
      <form onSubmit={form.onSubmit((values) => connect.mutate(values))} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Sign in to your organisation’s Tollgate server. Its data is kept in a separate local copy, so what
            you have here in standalone mode stays as it is.
          </Text>
          <TextInput
            label="Server address"
            placeholder="https://billing.example.com"
            required
            autoComplete="url"
            {...form.getInputProps('serverUrl')}
          />
          <TextInput label="Email" required autoComplete="username" {...form.getInputProps('email')} />
          <PasswordInput
            label="Password"
            required
            autoComplete="current-password"
            {...form.getInputProps('password')}
          />
          <FirstSyncProgress status={status} pending={connect.isPending} />
          {problem && Object.keys(problem.fieldErrors).length === 0 && (
            <Alert color="red" role="alert" title="Could not connect">
              {problem.message}
            </Alert>
          )}
          <Button type="submit" loading={connect.isPending} style={{ alignSelf: 'flex-start' }}>
            Connect
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
