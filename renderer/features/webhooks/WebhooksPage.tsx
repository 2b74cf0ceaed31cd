import { Alert, Button, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTRPC } from '../../lib/trpc';
import { usePageActions } from '../../shell/page-actions';
import { useCan, useSession } from '../../shell/session';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { PageHeader } from '../../ui/PageHeader';
import { CreateEndpointModal } from './CreateEndpointModal';
import { DeliveryLog } from './DeliveryLog';
import { EndpointsTable } from './EndpointsTable';

/** Outgoing webhooks: where the workspace's own apps hear about changes, and what was sent them. */
export function WebhooksPage() {
  useDocumentTitle('Webhooks · Tollgate');
  const trpc = useTRPC();
  const session = useSession();
  const allowed = useCan('settings.write');
  const endpoints = useQuery({ ...trpc.webhooks.endpoints.queryOptions(), enabled: allowed });
  const [creating, create] = useDisclosure(false);
  const [shown, setShown] = useState<string | null>(null);
  usePageActions(
    useMemo(
      () =>
        allowed
          ? [
              {
                id: 'new-webhook-endpoint',
                label: 'New webhook endpoint',
                keywords: 'add hook url',
                run: create.open,
              },
            ]
          : [],
      [allowed, create.open],
    ),
  );
  if (!allowed) {
    return (
      <Alert color="gray" title="Not for your role" maw={560}>
        Managing webhooks needs the settings permission, which your role does not have here.
      </Alert>
    );
  }
  const list = endpoints.data;
  const selected = list?.find((e) => e.id === shown) ?? null;
  return (
    <Stack gap="lg">
      <PageHeader
        title="Webhooks"
        description={`Endpoints of your own apps that ${session.tenant.name} tells about subscriptions, invoices and access, signed and in order.`}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
            New endpoint
          </Button>
        }
      />
      {!list && <LoadOrProblem error={endpoints.error} what="list of webhook endpoints" />}
      {list && list.length === 0 && (
        <Paper withBorder radius="lg" p="xl">
          <Stack gap="xs" align="flex-start">
            <Text fw={600}>No endpoints yet</Text>
            <Text size="sm" c="dimmed">
              Add the URL of an app that should hear when a subscription changes, an invoice is paid or a
              customer&apos;s access changes, instead of asking over and over.
            </Text>
            <Button variant="light" onClick={create.open}>
              Add the first endpoint
            </Button>
          </Stack>
        </Paper>
      )}
      {list && list.length > 0 && <EndpointsTable endpoints={list} selectedId={shown} onShowLog={setShown} />}
      {selected && <DeliveryLog key={selected.id} endpoint={selected} />}
      <CreateEndpointModal opened={creating} onClose={create.close} />
    </Stack>
  );
}
