import { Badge, Button, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDate } from '../../../lib/format';
import { useTRPC } from '../../../lib/trpc';
import { LoadOrProblem } from '../../../ui/LoadOrProblem';
import { LicenseDetail } from './LicenseDetail';
import { limitText } from './limit-text';
import { LICENSE_STATUS_COLOR } from './status-color';

/** The account's licenses; opening one shows its seats, machines and usage (LicenseDetail). */
export function LicensesTab() {
  const trpc = useTRPC();
  const licenses = useQuery(trpc.accountLicenses.list.queryOptions());
  const [openId, setOpenId] = useState<string | null>(null);
  if (openId) return <LicenseDetail id={openId} onBack={() => setOpenId(null)} />;
  if (!licenses.data) return <LoadOrProblem error={licenses.error} what="licenses" />;
  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={3} fz="lg" mb="sm">
        Licenses
      </Title>
      {licenses.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No licenses yet.
        </Text>
      ) : (
        <Table aria-label="Your licenses" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>License</Table.Th>
              <Table.Th>Product</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Seats</Table.Th>
              <Table.Th>Machines</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {licenses.data.map((license) => (
              <Table.Tr key={license.id}>
                <Table.Td>
                  {license.name}
                  <Text size="xs" c="dimmed">
                    Key ending {license.keyHint}
                  </Text>
                </Table.Td>
                <Table.Td>{license.productName ?? license.policyName}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={LICENSE_STATUS_COLOR[license.status] ?? 'gray'}>
                    {license.status.toLowerCase()}
                  </Badge>
                </Table.Td>
                <Table.Td>{limitText(license.seats.used, license.seats.max, 'seat')}</Table.Td>
                <Table.Td>{limitText(license.machines.used, license.machines.max, 'machine')}</Table.Td>
                <Table.Td>{license.expiresAt === null ? 'Never' : formatDate(license.expiresAt)}</Table.Td>
                <Table.Td ta="right">
                  <Button size="xs" variant="default" onClick={() => setOpenId(license.id)}>
                    Open {license.name}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
