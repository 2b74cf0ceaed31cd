import { Alert, Group, Paper, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { JOB_QUEUE_STATES, type JobQueueState } from '../../../shared/jobs/schema';
import { formatCount } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useCan } from '../../shell/session';
import { DateText } from '../../ui/DateText';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { PageHeader } from '../../ui/PageHeader';
import { plainTable } from '../../ui/plain-table';
import { JobActionButton } from './JobActionButton';
import { attemptsText, holderText, STATE_LOOK } from './job-text';
import type { JobsOverview, JobView } from './types';

/** The queue moves by the second: the page follows it while open. */
const REFRESH_MS = 5000;
const wrap = { whiteSpace: 'normal', overflowWrap: 'anywhere' } as const;

function JobCell({ job }: { job: JobView }) {
  return (
    <Stack gap={2} maw={420} style={wrap}>
      <Text size="sm" fw={500}>
        {job.kind}
      </Text>
      <Text size="xs" c="dimmed" ff="monospace">
        {job.dedupeKey}
      </Text>
      <Text size="xs" c="dimmed">
        {job.tenantName ?? job.tenantId}
        {job.onTestClock && ' · on a test clock'}
      </Text>
      {job.lastError && (
        <Text size="xs" c="red.8">
          {job.lastError}
        </Text>
      )}
    </Stack>
  );
}

function LeaseCell({ job }: { job: JobView }) {
  if (job.leaseUntil === null && job.leaseHolder === null) return <Text size="sm">—</Text>;
  return (
    <Stack gap={2} style={wrap}>
      <Text size="xs" ff="monospace">
        {holderText(job.leaseHolder)}
      </Text>
      {job.leaseUntil !== null && (
        <Group gap={4} wrap="nowrap">
          <Text size="xs" c="dimmed">
            until
          </Text>
          <DateText ms={job.leaseUntil} size="xs" />
        </Group>
      )}
    </Stack>
  );
}

function JobsTable({ overview }: { overview: JobsOverview }) {
  if (overview.jobs.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {STATE_LOOK[overview.state].empty}
      </Text>
    );
  }
  const shown = overview.counts[overview.state];
  return (
    <Paper withBorder radius="lg" p="md">
      <Table {...plainTable} aria-label="Jobs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Job, workspace, last error</Table.Th>
            <Table.Th>{overview.state === 'failed' ? 'Was due' : 'Due'}</Table.Th>
            <Table.Th ta="right">Attempts</Table.Th>
            <Table.Th>Lease</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {overview.jobs.map((job) => (
            <Table.Tr key={job.id} data-job-id={job.id}>
              <Table.Td>
                <JobCell job={job} />
              </Table.Td>
              <Table.Td>
                <DateText ms={job.runAt} size="sm" />
              </Table.Td>
              <Table.Td ta="right">{attemptsText(job)}</Table.Td>
              <Table.Td>
                <LeaseCell job={job} />
              </Table.Td>
              <Table.Td ta="right">
                <JobActionButton job={job} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {shown > overview.jobs.length && (
        <Text size="xs" c="dimmed" mt="xs">
          The first {formatCount(overview.jobs.length)} of {formatCount(shown)}; choose a kind to narrow the
          list.
        </Text>
      )}
    </Paper>
  );
}

function Filters(props: {
  overview: JobsOverview | undefined;
  state: JobQueueState;
  kind: string | null;
  onState: (state: JobQueueState) => void;
  onKind: (kind: string | null) => void;
}) {
  const counts = props.overview?.counts;
  const kinds = props.overview?.kinds.map((k) => k.kind) ?? [];
  return (
    <Group gap="md" align="flex-end">
      <SegmentedControl
        aria-label="State"
        value={props.state}
        onChange={(value) => props.onState(value as JobQueueState)}
        data={JOB_QUEUE_STATES.map((state) => ({
          value: state,
          label: `${STATE_LOOK[state].label}${counts ? ` ${formatCount(counts[state])}` : ''}`,
        }))}
      />
      <Select
        aria-label="Kind"
        placeholder="Every kind"
        clearable
        w={240}
        data={props.kind && !kinds.includes(props.kind) ? [props.kind, ...kinds] : kinds}
        value={props.kind}
        onChange={props.onKind}
      />
    </Group>
  );
}

/** Warns while jobs are held past their lease: the runbook's first question. */
function StuckWarning({ overview }: { overview: JobsOverview | undefined }) {
  const stuck = overview?.counts.stuck ?? 0;
  if (stuck === 0) return null;
  return (
    <Alert color="orange" role="alert" title={`${formatCount(stuck)} held past the lease`}>
      The instance holding it died, or the job hangs. The next claim takes it over; Release puts it back in
      the queue now. See docs/runbooks/stuck-job.md.
    </Alert>
  );
}

/** The server's job queue, for platform staff who manage tenants: what is due, running, stuck or failed. */
export function JobsPage() {
  useDocumentTitle('Jobs · Tollgate');
  const trpc = useTRPC();
  const allowed = useCan('tenants.manage');
  const [state, setState] = useState<JobQueueState>('due');
  const [kind, setKind] = useState<string | null>(null);
  const overview = useQuery({
    ...trpc.jobs.list.queryOptions({ state, kind }),
    enabled: allowed,
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  if (!allowed) {
    return (
      <Alert color="gray" title="Platform staff only" maw={560}>
        The job queue holds every tenant&apos;s work; the platform&apos;s owners and admins see it.
      </Alert>
    );
  }
  return (
    <Stack gap="lg">
      <PageHeader
        title="Jobs"
        description="Renewals, trial ends, payment retries, reconciles, housekeeping and backups: each claimed by one instance with a one-minute lease, retried with a growing backoff, given up after its last attempt."
      />
      <StuckWarning overview={overview.data} />
      <Filters overview={overview.data} state={state} kind={kind} onState={setState} onKind={setKind} />
      {overview.data ? (
        <JobsTable overview={overview.data} />
      ) : (
        <LoadOrProblem error={overview.error} what="job queue" />
      )}
    </Stack>
  );
}
