import { Loader, SegmentedControl, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../lib/trpc';
import { PageHeader } from '../../ui/PageHeader';
import { ConnectForm } from './ConnectForm';
import { ConnectionPanel } from './ConnectionPanel';
import { InvitationForm } from './InvitationForm';
import { OutboxTable } from './OutboxTable';

type Way = 'sign-in' | 'invitation';

/** Connect this desktop to a hosted server (signing in, or accepting an invitation), watch the sync and the outbox, or go back to standalone. */
export function ConnectPage() {
  const trpc = useTRPC();
  const status = useQuery({ ...trpc.connection.status.queryOptions(), refetchInterval: 1_000 });
  const [way, setWay] = useState<Way>('sign-in');
  return (
    <Stack gap="lg">
      <PageHeader
        title="Connect"
        description="Work with your organisation’s Tollgate server: its data, synced here, even offline."
      />
      {!status.data ? (
        <Loader aria-label="Loading the connection" />
      ) : status.data.state === 'standalone' ? (
        <Stack gap="md">
          <SegmentedControl
            aria-label="How to connect"
            data={[
              { value: 'sign-in', label: 'I have an account' },
              { value: 'invitation', label: 'I have an invitation' },
            ]}
            value={way}
            onChange={(value) => setWay(value as Way)}
            style={{ alignSelf: 'flex-start' }}
          />
          {way === 'sign-in' ? <ConnectForm status={status.data} /> : <InvitationForm status={status.data} />}
        </Stack>
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
