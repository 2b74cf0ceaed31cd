import { Loader, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import { PageHeader } from '../../ui/PageHeader';
import { ConnectForm } from './ConnectForm';
import { ConnectionPanel } from './ConnectionPanel';
import { OutboxTable } from './OutboxTable';

/** Connect this desktop to a hosted server, watch the sync and the outbox, or go back to standalone. */
export function ConnectPage() {
  const trpc = useTRPC();
  const status = useQuery({ ...trpc.connection.status.queryOptions(), refetchInterval: 1_000 });
  return (
    <Stack gap="lg">
      <PageHeader
        title="Connect"
        description="Work with your organisation’s Tollgate server: its data, synced here, even offline."
      />
      {!status.data ? (
        <Loader aria-label="Loading the connection" />
      ) : status.data.state === 'standalone' ? (
        <ConnectForm status={status.data} />
      ) : (
        <>
          <ConnectionPanel status={status.data} />
          <Title order={3} fz={18}>
            Outbox
          </Title>
          <OutboxTable />
        </>
      )}
    </Stack>
  );
}
