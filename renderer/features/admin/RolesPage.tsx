import { Paper, ScrollArea, Stack, Table, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { PageHeader } from '../../ui/PageHeader';
import type { RolesInfo } from './types';

function RoleMatrix({ info }: { info: RolesInfo }) {
  return (
    <Paper withBorder radius="lg" p="md">
      <ScrollArea type="auto">
        <Table aria-label="Permissions by role" verticalSpacing={6} withColumnBorders striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Permission</Table.Th>
              {info.roles.map((role) => (
                <Table.Th key={`${role.scope}:${role.role}`} ta="center">
                  <Tooltip label={role.summary} multiline w={240}>
                    <Stack gap={0} align="center">
                      <Text size="xs" c="dimmed" tt="uppercase">
                        {role.scope}
                      </Text>
                      <Text size="sm" fw={600}>
                        {role.label}
                      </Text>
                    </Stack>
                  </Tooltip>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {info.permissions.map((permission) => (
              <Table.Tr key={permission}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {permission}
                  </Text>
                </Table.Td>
                {info.roles.map((role) => {
                  const granted = role.permissions.includes(permission);
                  return (
                    <Table.Td
                      key={`${role.scope}:${role.role}`}
                      ta="center"
                      aria-label={`${role.scope} ${role.label}: ${granted ? 'allowed' : 'not allowed'}`}
                    >
                      {granted && (
                        <ThemeIcon size="sm" variant="light" color="teal" radius="xl">
                          <IconCheck size={14} />
                        </ThemeIcon>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}

/** What each role may do: platform roles across every tenant, tenant roles inside their own. */
export function RolesPage() {
  useDocumentTitle('Roles · Tollgate');
  const trpc = useTRPC();
  const info = useQuery(trpc.admin.roles.queryOptions());
  return (
    <Stack gap="lg">
      <PageHeader
        title="Roles"
        description="Platform roles act in every tenant; tenant roles only inside their own. Hover a role for what it is for."
      />
      {info.data ? <RoleMatrix info={info.data} /> : <LoadOrProblem error={info.error} what="roles" />}
    </Stack>
  );
}
