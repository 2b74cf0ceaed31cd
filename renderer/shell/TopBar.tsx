import { ActionIcon, Burger, Group, Kbd, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { spotlight } from '@mantine/spotlight';
import { IconBuilding, IconKeyboard, IconSearch } from '@tabler/icons-react';
import classes from './shell.module.css';
import { ConnectionBadge } from '../features/connect';
import { GatewayBadge } from './ModeBadge';
import { useSession } from './session';
import { MOD_KEY, openShortcuts } from './shortcuts';
import { ThemeToggle } from './ThemeToggle';

export function TopBar({ navOpened, onToggleNav }: { navOpened: boolean; onToggleNav: () => void }) {
  const session = useSession();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
      <Group gap="md" wrap="nowrap" style={{ flex: 1 }}>
        <Burger
          opened={navOpened}
          onClick={onToggleNav}
          hiddenFrom="sm"
          size="sm"
          aria-label="Toggle navigation"
        />
        <UnstyledButton
          className={classes.searchTrigger}
          onClick={() => spotlight.open()}
          // Named by its visible words, so voice control users can say what they see.
          aria-keyshortcuts="Control+K Meta+K"
        >
          <IconSearch size={16} stroke={1.75} />
          <Text size="sm" c="dimmed" style={{ flex: 1 }}>
            Search customers or jump to…
          </Text>
          <Group gap={2} visibleFrom="xs" aria-hidden>
            <Kbd size="xs">{MOD_KEY}</Kbd>
            <Kbd size="xs">K</Kbd>
          </Group>
        </UnstyledButton>
      </Group>
      <Group gap="sm" wrap="nowrap">
        <Group gap={6} wrap="nowrap" visibleFrom="sm" aria-label="Workspace">
          <IconBuilding size={16} stroke={1.75} color="var(--mantine-color-dimmed)" aria-hidden />
          <Text size="sm" fw={550} data-testid="workspace-name">
            {session.tenant.name}
          </Text>
        </Group>
        <ConnectionBadge />
        <GatewayBadge />
        <Tooltip label="Keyboard shortcuts (?)">
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={openShortcuts}
            aria-label="Keyboard shortcuts"
          >
            <IconKeyboard size={18} stroke={1.75} />
          </ActionIcon>
        </Tooltip>
        <ThemeToggle />
      </Group>
    </Group>
  );
}
