import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconArrowLeft } from '@tabler/icons-react';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useTRPC } from '../../../lib/trpc';
import { FieldList } from '../../../ui/FieldList';
import { LoadOrProblem } from '../../../ui/LoadOrProblem';
import { ValidationRepeats } from '../../licenses/ValidationRepeats';
import type { AccountLicenseDetail } from '../types';
import { LicenseMachines } from './LicenseMachines';
import { OfflineActivation } from './OfflineActivation';
import { LicenseSeats } from './LicenseSeats';
import { LicenseUsage } from './LicenseUsage';
import { LICENSE_STATUS_COLOR } from './status-color';

/** One of the account's licenses: what it is, its seats, machines, usage and latest validations. */
export function LicenseDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detail = useQuery(trpc.accountLicenses.get.queryOptions({ id }));
  const refresh = () => queryClient.invalidateQueries(trpc.accountLicenses.pathFilter());
  const back = (
    <Button
      variant="subtle"
      size="xs"
      leftSection={<IconArrowLeft size={14} stroke={1.75} />}
      onClick={onBack}
      w="fit-content"
    >
      All licenses
    </Button>
  );
  if (!detail.data)
    return (
      <Stack gap="sm">
        {back}
        <LoadOrProblem error={detail.error} what="license" />
      </Stack>
    );
  const data = detail.data;
  return (
    <Stack gap="lg">
      {back}
      <Paper withBorder p="lg" radius="md" component="section" aria-label="License">
        <Group justify="space-between" mb="sm">
          <Title order={3} fz="lg">
            {data.license.name}
          </Title>
          <Badge variant="light" color={LICENSE_STATUS_COLOR[data.license.status] ?? 'gray'}>
            {data.license.status.toLowerCase()}
          </Badge>
        </Group>
        <FieldList
          fields={[
            { label: 'Product', value: data.license.productName ?? '—' },
            { label: 'Policy', value: data.license.policyName },
            { label: 'Key', value: `ending ${data.license.keyHint}` },
            { label: 'Issued', value: formatDate(data.license.issuedAt) },
            {
              label: 'Expires',
              value: data.license.expiresAt === null ? 'Never' : formatDate(data.license.expiresAt),
            },
          ]}
        />
      </Paper>
      <LicenseSeats detail={data} onChanged={refresh} />
      <LicenseMachines detail={data} onChanged={refresh} />
      {data.policy.machineMode !== 'NONE' && <OfflineActivation onActivated={refresh} />}
      <LicenseUsage usage={data.usage} />
      <Validations validations={data.validations} />
    </Stack>
  );
}

function Validations({ validations }: { validations: AccountLicenseDetail['validations'] }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Recent validations">
      <Title order={3} fz="lg" mb="sm">
        Recent validations
      </Title>
      {validations.length === 0 ? (
        <Text size="sm" c="dimmed">
          No validations yet.
        </Text>
      ) : (
        <Table aria-label="Recent validations" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Answer</Table.Th>
              <Table.Th>Times</Table.Th>
              <Table.Th>Machine</Table.Th>
              <Table.Th>User</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {validations.map((v) => (
              <Table.Tr key={`${v.validatedAt}:${v.code}:${v.fingerprint ?? ''}`}>
                <Table.Td>{formatDateTime(v.validatedAt)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={v.valid ? 'teal' : 'red'}>
                    {v.code}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <ValidationRepeats repeats={v.repeats} firstAt={v.firstValidatedAt} />
                </Table.Td>
                <Table.Td>{v.fingerprint ?? '—'}</Table.Td>
                <Table.Td>{v.userRef ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
