import { Alert, Badge, Paper, Stack, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { formatCount, formatBytes } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useCan } from '../../shell/session';
import { DateText } from '../../ui/DateText';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { PageHeader } from '../../ui/PageHeader';
import { plainTable } from '../../ui/plain-table';
import { scheduleText, seconds, staleWarning } from './backup-text';
import type { BackupsOverview, BackupView } from './types';

function VerifiedBadge({ backup }: { backup: BackupView }) {
  return backup.verified === 'ok' ? (
    <Badge color="teal" variant="light">
      Verified
    </Badge>
  ) : (
    <Badge color="red" variant="light">
      Failed
    </Badge>
  );
}

function BackupRow({ backup }: { backup: BackupView }) {
  return (
    <Table.Tr>
      <Table.Td>
        <DateText ms={backup.startedAt} size="sm" />
        <Text size="xs" c="dimmed" ff="monospace">
          {backup.fileName}
        </Text>
      </Table.Td>
      <Table.Td>{backup.databaseKind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}</Table.Td>
      <Table.Td ta="right">{formatBytes(backup.sizeBytes)}</Table.Td>
      <Table.Td ta="right">{formatCount(backup.totalRows)}</Table.Td>
      <Table.Td ta="right">{seconds(backup.backupMs)}</Table.Td>
      <Table.Td ta="right">{backup.restoreMs === null ? '—' : seconds(backup.restoreMs)}</Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <VerifiedBadge backup={backup} />
          {backup.failure && (
            <Text size="xs" c="red.8">
              {backup.failure}
            </Text>
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

function BackupsTable({ backups }: { backups: BackupView[] }) {
  if (backups.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        No backups yet.
      </Text>
    );
  }
  return (
    <Paper withBorder radius="lg" p="md">
      <Table {...plainTable} aria-label="Backups" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Taken, file</Table.Th>
            <Table.Th>Database</Table.Th>
            <Table.Th ta="right">Size</Table.Th>
            <Table.Th ta="right">Rows</Table.Th>
            <Table.Th ta="right">Backup</Table.Th>
            <Table.Th ta="right">Restore</Table.Th>
            <Table.Th>Verification</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {backups.map((backup) => (
            <BackupRow key={backup.id} backup={backup} />
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function Overview({ overview }: { overview: BackupsOverview }) {
  const warning = staleWarning(overview);
  return (
    <Stack gap="md">
      {warning && (
        <Alert color="orange" title={warning.title} role="alert">
          {warning.body}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {scheduleText(overview.schedule)}
      </Text>
      <BackupsTable backups={overview.backups} />
    </Stack>
  );
}

/** The server's backups with their verification, for platform staff who manage tenants. */
export function BackupsPage() {
  useDocumentTitle('Backups · Tollgate');
  const trpc = useTRPC();
  const allowed = useCan('tenants.manage');
  const overview = useQuery({ ...trpc.backups.list.queryOptions(), enabled: allowed });
  if (!allowed) {
    return (
      <Alert color="gray" title="Platform staff only" maw={560}>
        Backups hold every tenant&apos;s data; the platform&apos;s owners and admins see them.
      </Alert>
    );
  }
  return (
    <Stack gap="lg">
      <PageHeader
        title="Backups"
        description="Each backup is restored into a scratch database and checked: integrity, rows per table against the moment it was taken, and every audit chain."
      />
      {overview.data ? (
        <Overview overview={overview.data} />
      ) : (
        <LoadOrProblem error={overview.error} what="list of backups" />
      )}
    </Stack>
  );
}
