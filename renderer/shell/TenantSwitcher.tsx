import { Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconBuilding, IconCheck, IconSelector } from '@tabler/icons-react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { chooseTenant } from '../lib/active-tenant';
import { useSession } from './session';
import classes from './shell.module.css';

/**
 * Moves the console to another tenant: every request names it from now on, the cached
 * data of the old one is dropped, and the console opens on Customers (an object page of
 * the old tenant would not exist in the new one).
 */
export async function switchTenant(
  queryClient: QueryClient,
  navigate: ReturnType<typeof useNavigate>,
  tenantId: string,
): Promise<void> {
  chooseTenant(tenantId);
  await navigate({ to: '/customers' });
  await queryClient.resetQueries();
}

export function useSwitchTenant() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (tenantId: string) => switchTenant(queryClient, navigate, tenantId);
}

/**
 * The tenant the console works in; a menu of the others for those who reach several
 * (members of more than one tenant, and platform staff, who reach them all).
 */
export function TenantSwitcher() {
  const session = useSession();
  const switchTo = useSwitchTenant();
  const name = (
    <Group gap={6} wrap="nowrap">
      <IconBuilding size={16} stroke={1.75} aria-hidden />
      <Text size="sm" fw={550} data-testid="workspace-name" className={classes.tenantName}>
        {session.tenant.name}
      </Text>
    </Group>
  );
  if (session.tenants.length < 2) return <div aria-label="Workspace">{name}</div>;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton
          aria-label={`Workspace: ${session.tenant.name}. Switch workspace`}
          className={classes.tenantButton}
        >
          <Group gap={4} wrap="nowrap">
            {name}
            <IconSelector size={14} stroke={1.75} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown mah={360} style={{ overflowY: 'auto' }} aria-label="Switch workspace">
        <Menu.Label>Switch workspace</Menu.Label>
        {session.tenants.map((tenant) => (
          <Menu.Item
            key={tenant.id}
            onClick={() => {
              if (tenant.id !== session.tenant.id) void switchTo(tenant.id);
            }}
            rightSection={
              tenant.id === session.tenant.id ? <IconCheck size={14} aria-label="current" /> : null
            }
          >
            {tenant.status === 'suspended' ? `${tenant.name} (suspended)` : tenant.name}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
