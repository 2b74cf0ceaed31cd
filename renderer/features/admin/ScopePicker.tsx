import { Button, Checkbox, Group, Input, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { groupPermissions, readOnlyOf } from '../../../shared/admin/roles';
import type { Permission } from '../../../shared/permissions';

const AREA_LABELS: Record<string, string> = {
  workspace: 'Workspace',
  customers: 'Customers',
  audit: 'Audit trail',
  billing: 'Billing',
  payments: 'Payments',
  recovery: 'Recovery',
  branding: 'Branding',
  users: 'Members and keys',
  tenants: 'Tenants',
  settings: 'Settings',
  licensing: 'Licensing',
  marketplace: 'Marketplace',
};

const sameSet = (a: readonly Permission[], b: readonly Permission[]) =>
  a.length === b.length && a.every((p) => b.includes(p));

/**
 * Which of its role's permissions a new key may use, grouped by area, with shortcuts for
 * "read only" and "all". `available` is the role's permissions; `value` a subset of them.
 */
export function ScopePicker({
  available,
  value,
  onChange,
  error,
}: {
  available: readonly Permission[];
  value: readonly Permission[];
  onChange: (scopes: Permission[]) => void;
  error?: string;
}) {
  const readOnly = readOnlyOf(available);
  // Kept in the order the permissions are listed, whatever order they were ticked in.
  const choose = (picked: readonly string[]) => onChange(available.filter((p) => picked.includes(p)));
  return (
    <Input.Wrapper
      label="Scopes"
      description="What the key may do: a part of its role, or all of it."
      error={error}
      withAsterisk
    >
      <Stack gap="xs" mt={6}>
        <Group gap="xs">
          <Button
            size="compact-xs"
            variant={sameSet(value, readOnly) ? 'filled' : 'light'}
            disabled={readOnly.length === 0}
            onClick={() => onChange(readOnly)}
          >
            Read only
          </Button>
          <Button
            size="compact-xs"
            variant={sameSet(value, available) ? 'filled' : 'light'}
            onClick={() => onChange([...available])}
          >
            All
          </Button>
          <Text size="xs" c="dimmed">
            {value.length} of {available.length} chosen
          </Text>
        </Group>
        <Checkbox.Group value={[...value]} onChange={choose} aria-label="Scopes">
          <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs">
            {groupPermissions(available).map(({ area, permissions }) => (
              <Paper
                key={area}
                withBorder
                radius="md"
                p="xs"
                role="group"
                aria-label={AREA_LABELS[area] ?? area}
              >
                <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>
                  {AREA_LABELS[area] ?? area}
                </Text>
                <Stack gap={4}>
                  {permissions.map((permission) => (
                    <Checkbox
                      key={permission}
                      value={permission}
                      label={permission}
                      size="xs"
                      styles={{ label: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                    />
                  ))}
                </Stack>
              </Paper>
            ))}
          </SimpleGrid>
        </Checkbox.Group>
      </Stack>
    </Input.Wrapper>
  );
}
