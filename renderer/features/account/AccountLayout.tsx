import { AppShell, Group, NavLink, Stack, Text } from '@mantine/core';
import { IconBuildingStore, IconPalette, IconPlugConnected, IconReceipt2 } from '@tabler/icons-react';
import { Link, Navigate, Outlet, useRouterState } from '@tanstack/react-router';

/** Where an account admin may go: their account, and the connection (to sign out). */
const ACCOUNT_AREAS = [
  { to: '/account', label: 'My account', icon: <IconBuildingStore size={18} stroke={1.75} /> },
  { to: '/account/branding', label: 'Branding', icon: <IconPalette size={18} stroke={1.75} /> },
  { to: '/connect', label: 'Connect', icon: <IconPlugConnected size={18} stroke={1.75} /> },
] as const;

/**
 * The console as an account admin sees it (decision 145): their account's navigation only —
 * no staff areas, no command palette — and every other address leads to My account, which
 * is where they land after signing in.
 */
export function AccountLayout({ name }: { name: string }) {
  const path = useRouterState({ select: (s) => s.location.pathname });
  if (!ACCOUNT_AREAS.some((area) => area.to === path)) return <Navigate to="/account" replace />;
  return (
    <AppShell layout="alt" navbar={{ width: 232, breakpoint: 'sm' }} padding="lg">
      <AppShell.Navbar p="sm">
        <Group gap="xs" p="sm" mb="sm">
          <IconReceipt2 size={18} stroke={2} aria-hidden />
          <Stack gap={0}>
            <Text fw={700} size="sm">
              Tollgate
            </Text>
            <Text size="xs" c="dimmed">
              {name}
            </Text>
          </Stack>
        </Group>
        <nav aria-label="Main">
          {ACCOUNT_AREAS.map((area) => (
            <NavLink
              key={area.to}
              component={Link}
              to={area.to}
              label={area.label}
              leftSection={area.icon}
              active={path === area.to}
            />
          ))}
        </nav>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
