import { ActionIcon, Box, Burger, Group, Kbd, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconKeyboard, IconSearch } from '@tabler/icons-react';
import { openPalette } from './CommandPalette';
import classes from './shell.module.css';
import { ConnectionBadge } from '../features/connect';
import { GatewayBadge } from './ModeBadge';
import { MOD_KEY, openShortcuts } from './shortcuts';
import { TenantSwitcher } from './TenantSwitcher';
import { ThemeToggle } from './ThemeToggle';

export function TopBar({ navOpened, onToggleNav }: { navOpened: boolean; onToggleNav: () => void }) {
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
        {/* Named by what it shows, so the name heard and the words seen agree. */}
        <UnstyledButton
          className={classes.searchTrigger}
          onClick={openPalette}
          data-testid="search-trigger"
          aria-keyshortcuts="Control+K Meta+K"
        >
          <IconSearch size={16} stroke={1.75} aria-hidden />
          <Text size="sm" c="dimmed" className={classes.searchText}>
            Search or jump to…
          </Text>
          <Group gap={2} visibleFrom="xs" wrap="nowrap" aria-hidden>
            <Kbd size="xs">{MOD_KEY}</Kbd>
            <Kbd size="xs">K</Kbd>
          </Group>
        </UnstyledButton>
      </Group>
      <Group gap="sm" wrap="nowrap">
        <Box visibleFrom="sm">
          <TenantSwitcher />
        </Box>
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
