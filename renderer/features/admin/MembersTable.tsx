import { Button, Paper, Select, Table, Text } from '@mantine/core';
import { DateText } from '../../ui/DateText';
import { plainTable } from '../../ui/plain-table';
import type { MemberRow } from './types';

interface MembersTableProps {
  label: string;
  members: MemberRow[];
  /** Role labels by role, in rank order. */
  roleLabels: Record<string, string>;
  /** The roles the viewer may hand out here; members above them are shown read-only. */
  grantable: readonly string[];
  onChangeRole: (member: MemberRow, role: string) => void;
  onRemove: (member: MemberRow) => void;
}

/** People with a role here: who, which role (changeable when the viewer may), last sign-in. */
export function MembersTable({
  label,
  members,
  roleLabels,
  grantable,
  onChangeRole,
  onRemove,
}: MembersTableProps) {
  const options = grantable.map((role) => ({ value: role, label: roleLabels[role] ?? role }));
  if (members.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        Nobody has a role here yet: invite someone.
      </Text>
    );
  }
  return (
    <Paper withBorder radius="lg" p="md">
      <Table {...plainTable} aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Last sign-in</Table.Th>
            <Table.Th>Member since</Table.Th>
            <Table.Th aria-label="Actions" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => {
            const mayChange = grantable.includes(member.role);
            return (
              <Table.Tr key={member.membershipId}>
                <Table.Td>
                  <Text size="sm" fw={550}>
                    {member.name}
                  </Text>
                </Table.Td>
                <Table.Td>{member.email}</Table.Td>
                <Table.Td>
                  {mayChange ? (
                    <Select
                      size="xs"
                      w={140}
                      aria-label={`Role of ${member.name}`}
                      data={options}
                      value={member.role}
                      allowDeselect={false}
                      onChange={(role) => role && role !== member.role && onChangeRole(member, role)}
                    />
                  ) : (
                    <Text size="sm">{roleLabels[member.role] ?? member.role}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {member.lastSignInAt === null ? (
                    <Text size="sm" c="dimmed">
                      Never
                    </Text>
                  ) : (
                    <DateText ms={member.lastSignInAt} size="sm" />
                  )}
                </Table.Td>
                <Table.Td>
                  <DateText ms={member.joinedAt} size="sm" />
                </Table.Td>
                <Table.Td ta="right">
                  {mayChange && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => onRemove(member)}>
                      Remove
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
