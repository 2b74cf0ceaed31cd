import { AppShell, Group, ScrollArea, Text } from '@mantine/core';
import { useDisclosure, useHotkeys, useMediaQuery } from '@mantine/hooks';
import { IconReceipt2 } from '@tabler/icons-react';
import { Outlet } from '@tanstack/react-router';
import { AccountGate } from '../features/account';
import { LiveConnection } from '../features/connect';
import { CommandPalette } from './CommandPalette';
import { Navbar } from './Navbar';
import { SessionGate, useSession } from './session';
import classes from './shell.module.css';
import { openShortcuts } from './shortcuts';
import { TopBar } from './TopBar';

function Brand({ rail }: { rail: boolean }) {
  const session = useSession();
  return (
    <div className={classes.brand} data-rail={rail || undefined}>
      <div className={classes.logo} aria-hidden>
        <IconReceipt2 size={17} stroke={2} />
      </div>
      <div hidden={rail}>
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

/**
 * Below Mantine's `sm` the sidebar hides behind the burger; from `sm` to `lg` (a 1024-pixel
 * window) it is a rail of icons, leaving the tables their width; from `lg` it shows names.
 */
const NAVBAR = { width: { sm: 64, lg: 232 }, breakpoint: 'sm' } as const;

function Shell() {
  const [navOpened, nav] = useDisclosure(false);
  useHotkeys([['shift+?', openShortcuts]]);
  const wide = useMediaQuery('(min-width: 75em)', true, { getInitialValueInEffect: false });
  const narrow = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  // On a phone-sized window the opened sidebar covers the page, with room for names.
  const rail = !wide && !narrow;
  return (
    <AppShell
      layout="alt"
      header={{ height: 56 }}
      navbar={{ ...NAVBAR, collapsed: { mobile: !navOpened } }}
      padding={rail ? 'md' : 'lg'}
    >
      <AppShell.Header>
        <TopBar navOpened={navOpened} onToggleNav={nav.toggle} />
      </AppShell.Header>
      <AppShell.Navbar className={classes.navbar}>
        <AppShell.Section>
          <Brand rail={rail} />
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea} p={rail ? 8 : 'sm'}>
          <Navbar onNavigate={nav.close} rail={rail} />
        </AppShell.Section>
        <AppShell.Section p="md" hidden={rail}>
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

/** The frame around every screen: navigation, the top bar and the command palette, kept live with the connection. */
export function AppLayout() {
  return (
    <LiveConnection>
      <AccountGate>
        <SessionGate>
          <Shell />
        </SessionGate>
      </AccountGate>
    </LiveConnection>
  );
}
