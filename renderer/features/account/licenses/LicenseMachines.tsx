import { Badge, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { RELEASES_PER_LICENSE_PER_DAY } from '../../../../shared/licensing/account-schema';
import { formatDateTime, relativeTime } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useTRPC } from '../../../lib/trpc';
import { useNow } from '../../../lib/use-now';
import { confirmAction } from '../../../ui/confirm';
import type { AccountLicenseDetail } from '../types';
import { limitText } from './limit-text';

type Machine = AccountLicenseDetail['machines'][number];

/**
 * The machines the license is activated on, with their last heartbeat. An admin releases a
 * machine that will not come back (a wiped laptop) to free its slot, after confirming; the
 * server allows a few releases per license a day and says when the next one is possible.
 */
export function LicenseMachines({
  detail,
  onChanged,
}: {
  detail: AccountLicenseDetail;
  onChanged: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const now = useNow();
  const { license, machines, policy } = detail;
  const release = useMutation(
    trpc.accountLicenses.releaseMachine.mutationOptions({
      onSuccess: async (answer) => {
        await onChanged();
        notifySuccess('Machine released', undefined, answer);
      },
      onError: (error) => notifyError(error, 'Could not release the machine'),
    }),
  );
  const label = (m: Machine) => m.name ?? m.fingerprint;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Machines">
      <Stack gap={2} mb="sm">
        <Title order={3} fz="lg">
          Machines
        </Title>
        <Text size="sm" c="dimmed">
          {policy.machineMode === 'NONE'
            ? 'This license is not tied to machines.'
            : `${limitText(machines.length, policy.maxMachines, 'machine')}. You may release up to ${RELEASES_PER_LICENSE_PER_DAY} a day.`}
        </Text>
      </Stack>
      {machines.length === 0 ? (
        <Text size="sm" c="dimmed">
          No machine is activated.
        </Text>
      ) : (
        <Table aria-label="Activated machines" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Machine</Table.Th>
              <Table.Th>Platform</Table.Th>
              <Table.Th>Activated</Table.Th>
              <Table.Th>Last heartbeat</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {machines.map((m) => {
              return (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    {label(m)}
                    {m.name && (
                      <Text size="xs" c="dimmed">
                        {m.fingerprint}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{m.platform ?? '—'}</Table.Td>
                  <Table.Td>{formatDateTime(m.activatedAt)}</Table.Td>
                  <Table.Td>
                    {m.lastHeartbeatAt === null ? 'Never' : relativeTime(m.lastHeartbeatAt, now)}{' '}
                    {m.dead && (
                      <Badge variant="light" color="red">
                        no heartbeat
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={`Release ${label(m)}`}
                      onClick={() =>
                        confirmAction({
                          title: `Release ${label(m)}?`,
                          body: `${label(m)} stops counting against ${license.name}; the app on it must be activated again to run.`,
                          confirmLabel: 'Release machine',
                          destructive: true,
                          onConfirm: () => release.mutate({ licenseId: license.id, machineId: m.id }),
                        })
                      }
                    >
                      Release
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
