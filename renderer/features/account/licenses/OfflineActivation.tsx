import { Button, FileButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconUpload } from '@tabler/icons-react';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { saveBlob } from '../../../lib/save-file';
import { useTRPC } from '../../../lib/trpc';

/**
 * Offline activation: the app on a machine that never goes online writes a request file; the
 * admin uploads it here and gets the machine file to carry back (docs/licensing.md).
 */
export function OfflineActivation({ onActivated }: { onActivated: () => Promise<void> }) {
  const trpc = useTRPC();
  const activate = useMutation(
    trpc.accountLicenses.activateOffline.mutationOptions({
      onSuccess: async (file) => {
        if (!('text' in file)) return;
        saveBlob(new Blob([file.text], { type: 'text/plain' }), file.fileName);
        await onActivated();
        notifySuccess('Machine activated', `${file.fileName} was downloaded: copy it to the machine.`);
      },
      onError: (error) => notifyError(error, 'Could not activate the machine'),
    }),
  );
  const upload = async (file: File | null) => {
    if (!file) return;
    activate.mutate({ request: await file.text() });
  };
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Offline activation">
      <Group justify="space-between">
        <Stack gap={2}>
          <Title order={3} fz="lg">
            Offline activation
          </Title>
          <Text size="sm" c="dimmed">
            For a machine that never goes online: upload the request file its app wrote, and take the machine
            file back to it.
          </Text>
        </Stack>
        <FileButton onChange={(file) => void upload(file)} accept=".txt,.req,text/plain">
          {(props) => (
            <Button
              {...props}
              variant="default"
              leftSection={<IconUpload size={16} stroke={1.75} />}
              loading={activate.isPending}
            >
              Upload request file
            </Button>
          )}
        </FileButton>
      </Group>
    </Paper>
  );
}
