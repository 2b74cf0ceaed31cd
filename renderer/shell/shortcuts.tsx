import { Group, Kbd, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD_KEY = isMac ? '⌘' : 'Ctrl';

const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: [MOD_KEY, 'K'], what: 'Open the command palette' },
  { keys: ['/'], what: 'Search the list' },
  { keys: ['N'], what: 'New customer' },
  { keys: ['E'], what: 'Edit the open customer' },
  { keys: ['↑', '↓'], what: 'Move through rows' },
  { keys: ['Enter'], what: 'Open the highlighted row' },
  { keys: ['Home', 'End'], what: 'First or last loaded row' },
  { keys: ['PgUp', 'PgDn'], what: 'Move a screen at a time' },
  { keys: ['?'], what: 'Show this list' },
];

function ShortcutList() {
  return (
    <Stack gap="xs">
      {SHORTCUTS.map((shortcut) => (
        <Group key={shortcut.what} justify="space-between">
          <Text size="sm">{shortcut.what}</Text>
          <Group gap={4}>
            {shortcut.keys.map((key) => (
              <Kbd key={key} size="sm">
                {key}
              </Kbd>
            ))}
          </Group>
        </Group>
      ))}
    </Stack>
  );
}

export function openShortcuts(): void {
  modals.open({ title: 'Keyboard shortcuts', children: <ShortcutList />, size: 'sm' });
}
