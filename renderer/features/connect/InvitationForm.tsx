import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PASSWORD_RULES, passwordProblem } from '../../../shared/auth/password-policy';
import { readServerProblem } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { fieldErrorsOf } from './field-errors';
import { FirstSyncProgress } from './FirstSyncProgress';
import { switchData } from './switch-data';
import type { ConnectionStatus } from './types';

interface Values {
  serverUrl: string;
  code: string;
  name: string;
  password: string;
}

/**
 * Accept an invitation someone on the server's staff passed on: the person chooses their
 * name and password, and the desktop connects as them. The password is checked as typed
 * against the same policy the server applies (the server also checks it against the email).
 */
export function InvitationForm({ status }: { status: ConnectionStatus }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: { serverUrl: '', code: '', name: '', password: '' },
    validate: { password: (value) => (value === '' ? null : passwordProblem(value)) },
  });
  const accept = useMutation(
    trpc.connection.acceptInvitation.mutationOptions({
      onSuccess: async () => {
        form.setFieldValue('password', '');
        // Everything on screen now comes from the server's data.
        await switchData(queryClient);
        notifySuccess(
          'Invitation accepted',
          'You are connected: this console now works with the server’s data.',
        );
      },
      onError: (error) => form.setErrors(fieldErrorsOf(error)),
    }),
  );
  const problem = accept.error ? readServerProblem(accept.error) : null;
  return (
    <Paper withBorder p="lg" radius="md" maw={520}>
      <form onSubmit={form.onSubmit((values) => accept.mutate(values))} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Enter the server address and the invitation code you were sent, then choose your name and a
            password. You use them to sign in from then on. The code works once, within 7 days.
          </Text>
          <TextInput
            label="Server address"
            placeholder="https://billing.example.com"
            required
            autoComplete="url"
            {...form.getInputProps('serverUrl')}
          />
          <TextInput
            label="Invitation code"
            placeholder="tgi_…"
            required
            autoComplete="off"
            spellCheck={false}
            {...form.getInputProps('code')}
          />
          <TextInput label="Your name" required autoComplete="name" {...form.getInputProps('name')} />
          <PasswordInput
            label="Choose a password"
            description={PASSWORD_RULES}
            required
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <FirstSyncProgress status={status} pending={accept.isPending} />
          {problem && Object.keys(problem.fieldErrors).length === 0 && (
            <Alert color="red" role="alert" title="Could not accept the invitation">
              {problem.message}
            </Alert>
          )}
          <Button type="submit" loading={accept.isPending} style={{ alignSelf: 'flex-start' }}>
            Accept and connect
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
