import { Alert, Button, Group, Modal, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBrandStripe } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { formatDateTime } from '../../lib/format';
import { notifyError } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useCan } from '../../shell/session';

const POLL_MS = 1_000;

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} aria-label={label}>
        {value.toLocaleString()}
      </Text>
    </Stack>
  );
}

/**
 * "Import from Stripe": starts the import of existing Stripe Billing subscriptions and
 * invoices and shows its progress page by page (the import runs as a background job).
 */
export function StripeImportButton() {
  const canWrite = useCan('billing.write');
  const [opened, dialog] = useDisclosure(false);
  if (!canWrite) return null;
  return (
    <>
      <Button variant="default" leftSection={<IconBrandStripe size={16} />} onClick={dialog.open}>
        Import from Stripe
      </Button>
      <StripeImportDialog opened={opened} onClose={dialog.close} />
    </>
  );
}

function StripeImportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const progress = useQuery({
    ...trpc.stripeBilling.importProgress.queryOptions({}),
    enabled: opened,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? POLL_MS : false),
  });
  const start = useMutation(
    trpc.stripeBilling.startImport.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.stripeBilling.importProgress.queryKey() });
      },
      onError: (error) => notifyError(error, 'Could not start the import'),
    }),
  );
  const run = progress.data;
  const running = run?.status === 'running';
  const finishedAt = run?.finishedAt ?? null;
  useEffect(() => {
    // A finished import brought subscriptions in: the list behind the dialog shows them.
    if (finishedAt !== null)
      void queryClient.invalidateQueries({ queryKey: trpc.subscriptions.list.infiniteQueryKey() });
  }, [finishedAt, queryClient, trpc]);
  return (
    <Modal opened={opened} onClose={onClose} title="Import from Stripe Billing" size="md">
      <Stack gap="md">
        <Text size="sm">
          Brings in the subscriptions and invoices that live in Stripe Billing, 100 at a time. They are marked
          as Stripe-managed; running the import again updates them without making duplicates.
        </Text>
        {run && (
          <Stack gap="xs" aria-live="polite">
            <Text size="sm" fw={600}>
              {running
                ? 'Importing…'
                : run.status === 'done'
                  ? `Done ${run.finishedAt ? formatDateTime(run.finishedAt) : ''}`
                  : 'The import stopped'}
            </Text>
            <Progress value={100} animated={running} color={run.status === 'failed' ? 'red' : 'violet'} />
            <SimpleGrid cols={4}>
              <Figure label="Pages" value={run.pages} />
              <Figure label="Subscriptions" value={run.subscriptions} />
              <Figure label="Invoices" value={run.invoices} />
              <Figure label="Errors" value={run.errors} />
            </SimpleGrid>
            {run.lastError && (
              <Alert color={run.status === 'failed' ? 'red' : 'yellow'} title="Last error">
                <Text size="sm">{run.lastError}</Text>
              </Alert>
            )}
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button onClick={() => start.mutate({})} loading={start.isPending || running} disabled={running}>
            {run ? 'Import again' : 'Start import'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
