import { Button, Code, Table, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useSession } from '../../shell/session';
import { DateText } from '../../ui/DateText';
import { plainTable } from '../../ui/plain-table';
import { MachineFileButton } from './MachineFileButton';
import { OfflineActivationDialog } from './OfflineActivationDialog';
import { limitText } from './policy-text';
import { Section } from './Section';
import type { LicenseDetail } from './types';

const VIA: Record<LicenseDetail['machines'][number]['activatedVia'], string> = {
  api: 'API',
  offline: 'Offline file',
  console: 'Console',
};

const none = (text: string) => (
  <Text size="sm" c="dimmed">
    {text}
  </Text>
);

/**
 * The machines the license is activated on, newest first, with when each was last heard from;
 * those who manage licensing download a machine's file and activate a machine offline here.
 */
export function MachinesSection({ detail }: { detail: LicenseDetail }) {
  const { machines, policy, license } = detail;
  const { permissions } = useSession();
  const [activating, setActivating] = useState(false);
  const manages =
    permissions.includes('licensing.manage') && license.status === 'ACTIVE' && policy.machineMode !== 'NONE';
  const max =
    policy.machineMode === 'NODE_LOCKED' ? 1 : policy.machineMode === 'FLOATING' ? policy.maxMachines : null;
  return (
    <Section
      id="license-machines"
      title="Machines"
      note={
        policy.machineMode === 'NONE'
          ? 'This policy does not tie licenses to machines.'
          : `${machines.length} of ${limitText(max)}`
      }
      actions={
        manages && (
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconUpload size={14} aria-hidden />}
            onClick={() => setActivating(true)}
          >
            Activate offline…
          </Button>
        )
      }
    >
      {manages && (
        <OfflineActivationDialog license={license} opened={activating} onClose={() => setActivating(false)} />
      )}
      {machines.length === 0 ? (
        none('No machine activated yet.')
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table {...plainTable} aria-label="Machines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Fingerprint</Table.Th>
                <Table.Th>Platform</Table.Th>
                <Table.Th>Activated</Table.Th>
                <Table.Th>Last heartbeat</Table.Th>
                {manages && <Table.Th aria-label="Files" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {machines.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.name ?? '—'}</Table.Td>
                  <Table.Td>
                    <Code>
                      {m.fingerprint.length > 24 ? `${m.fingerprint.slice(0, 24)}…` : m.fingerprint}
                    </Code>
                  </Table.Td>
                  <Table.Td>{m.platform ?? '—'}</Table.Td>
                  <Table.Td>
                    <DateText ms={m.activatedAt} size="sm" span /> · {VIA[m.activatedVia]}
                  </Table.Td>
                  <Table.Td>
                    {m.lastHeartbeatAt === null ? '—' : <DateText ms={m.lastHeartbeatAt} size="sm" span />}
                  </Table.Td>
                  {manages && (
                    <Table.Td>
                      <MachineFileButton machineId={m.id} machineName={m.name ?? m.fingerprint} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}

/** The named users holding a seat. */
export function SeatsSection({ detail }: { detail: LicenseDetail }) {
  const { seats, policy } = detail;
  return (
    <Section id="license-seats" title="Seats" note={`${seats.length} of ${limitText(policy.maxUsers)}`}>
      {seats.length === 0 ? (
        none('No seat assigned yet. The customer’s account admins assign seats from My account.')
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table {...plainTable} aria-label="Seats">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>User</Table.Th>
                <Table.Th>Assigned</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {seats.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.name ?? '—'}</Table.Td>
                  <Table.Td>{s.email ?? '—'}</Table.Td>
                  <Table.Td>
                    <Code>{s.userRef}</Code>
                  </Table.Td>
                  <Table.Td>
                    <DateText ms={s.assignedAt} size="sm" span />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
