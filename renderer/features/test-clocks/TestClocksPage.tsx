import { Alert, Button, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconClock, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { readServerProblem } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { useCan } from '../../shell/session';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { PageHeader } from '../../ui/PageHeader';
import { AdvanceClockDialog } from './AdvanceClockDialog';
import { AttachCustomerDialog } from './AttachCustomerDialog';
import { ClocksTable } from './ClocksTable';
import { CreateClockDialog } from './CreateClockDialog';
import { nextEventPresets } from './clock-time';
import type { TestClockRow } from './types';

/** Simulated time for sandbox customers: rehearse renewals, trial ends and dunning in seconds. */
export function TestClocksPage() {
  const trpc = useTRPC();
  const canWrite = useCan('billing.write');
  const gateway = useQuery({ ...trpc.billing.gateway.queryOptions(), staleTime: 60_000 });
  const clocks = useQuery(trpc.testClocks.list.queryOptions());
  const [creating, createDialog] = useDisclosure(false);
  const [attaching, setAttaching] = useState<TestClockRow | null>(null);
  const [advancingId, setAdvancingId] = useState<string | null>(null);
  useDocumentTitle('Test clocks · Tollgate');
  const sandbox = gateway.data?.name === 'sandbox';
  // Follow the list, so the dialog shows the clock's time after each advance.
  const advancing = clocks.data?.find((c) => c.id === advancingId) ?? null;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Test clocks"
        description="Simulated time for sandbox customers: renewals, trial ends and retries run as they would, in seconds."
        actions={
          canWrite && (
            <Button
              leftSection={<IconPlus size={16} stroke={2} />}
              onClick={createDialog.open}
              disabled={!sandbox}
              title={sandbox ? undefined : 'Only in sandbox mode'}
            >
              New test clock
            </Button>
          )
        }
      />
      {gateway.data && !sandbox && (
        <Alert color="gray" title="Test clocks run only in sandbox mode">
          This workspace charges through {gateway.data.name}: simulated time there would charge real cards.
          Switch the workspace to the sandbox gateway to rehearse billing with test clocks.
        </Alert>
      )}
      <Paper withBorder radius="lg" p="lg">
        {clocks.data ? (
          clocks.data.length > 0 ? (
            <ClocksTable
              clocks={clocks.data}
              canWrite={canWrite && sandbox}
              onAttach={setAttaching}
              onAdvance={(c) => setAdvancingId(c.id)}
            />
          ) : (
            <Stack align="center" gap={4} py="xl">
              <IconClock size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
              <Text fw={600}>No test clocks yet</Text>
              <Text size="sm" c="dimmed" ta="center" maw={460}>
                Create one, attach a new customer, subscribe them, then move the clock forward to watch their
                invoices and payments happen.
              </Text>
            </Stack>
          )
        ) : clocks.error ? (
          <Alert color="red" title="Could not load test clocks">
            {readServerProblem(clocks.error).message}
          </Alert>
        ) : (
          <LoadOrProblem error={null} what="test clocks" />
        )}
      </Paper>
      <CreateClockDialog opened={creating} onClose={createDialog.close} />
      {attaching && <AttachCustomerDialog clock={attaching} onClose={() => setAttaching(null)} />}
      {advancing && (
        <AdvanceClockDialog
          clock={advancing}
          opened
          onClose={() => setAdvancingId(null)}
          extraPresets={nextEventPresets(advancing)}
        />
      )}
    </Stack>
  );
}
