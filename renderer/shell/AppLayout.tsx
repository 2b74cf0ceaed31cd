import { AppShell, Group, ScrollArea, Text } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconReceipt2 } from '@tabler/icons-react';
import { Outlet } from '@tanstack/react-router';
import { CommandPalette } from './CommandPalette';
import { Navbar } from './Navbar';
import { SessionGate, useSession } from './session';
import classes from './shell.module.css';
import { openShortcuts } from './shortcuts';
import { TopBar } from './TopBar';

function Brand() {
  const session = useSession();
  return (
    <div className={classes.brand}>
      <div className={classes.logo} aria-hidden>
        <IconReceipt2 size={17} stroke={2} />
      </div>
      <div>
        <Text fw={700} size="sm" lh={1.2}>
          Tollgate
        </Text>
        <Text size="xs" c="dimmed" lh={1.2}>
          {session.user.name}
        </Text>
      </div>
    </div>
  );
}

function Shell() {
  const [navOpened, nav] = useDisclosure(false);
  useHotkeys([['shift+?', openShortcuts]]);
  return (
    <AppShell
      layout="alt"
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <AppShell.Header>
        <TopBar navOpened={navOpened} onToggleNav={nav.toggle} />
      </AppShell.Header>
      <AppShell.Navbar className={classes.navbar}>
        <AppShell.Section>
          <Brand />
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea} p="sm">
          <Navbar onNavigate={nav.close} />
        </AppShell.Section>
        <AppShell.Section p="md">
          <Group gap={6}>
            <Text size="xs" c="dimmed">
              Press
            </Text>
            <Text size="xs" fw={600} c="dimmed">
              ?
            </Text>
            <Text size="xs" c="dimmed">
              for shortcuts
            </Text>
          </Group>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main className={classes.main}>
        <Outlet />
      </AppShell.Main>
      <CommandPalette />
    </AppShell>
  );
}

/** The frame around every screen: navigation, the top bar and the command palette. */
export function AppLayout() {
  return (
    <SessionGate>
      <Shell />
    </SessionGate>
  );
}
