import { Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { createSpotlight, Spotlight, useSpotlight, type SpotlightStore } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTRPC } from '../lib/trpc';
import { useCommands, type Command } from './palette-commands';
import { SearchHits } from './palette-hits';

const [paletteStore, palette] = createSpotlight();

/** Opens the command palette (Ctrl/⌘+K does too). */
export const openPalette = palette.open;

/**
 * Marks the list's first action selected, as Mantine's own arrow keys do (it keeps the
 * selection in the DOM), so Enter runs the first result at once. Run after every change
 * of what the list shows: a late search answer puts new rows above the old first one.
 */
function selectFirstAction(store: SpotlightStore) {
  const { listId } = store.getState();
  const list = listId ? document.getElementById(listId) : null;
  const first = list?.querySelector('[data-action]');
  if (!list || !first) return;
  list.querySelector('[data-selected]')?.removeAttribute('data-selected');
  first.setAttribute('data-selected', 'true');
  store.updateState((state) => ({ ...state, selected: 0 }));
}

function CommandGroup({ label, commands }: { label: string; commands: Command[] }) {
  if (commands.length === 0) return null;
  return (
    <Spotlight.ActionsGroup label={label}>
      {commands.map((command) => (
        <Spotlight.Action
          key={command.id}
          label={command.label}
          leftSection={command.icon}
          onClick={command.run}
        />
      ))}
    </Spotlight.ActionsGroup>
  );
}

/**
 * Ctrl/⌘+K: the one place to find any object (by number, id, email, name or a card's last
 * four), run what the open page offers, or go to any area. The first result is selected.
 */
export function CommandPalette() {
  const trpc = useTRPC();
  const { opened } = useSpotlight(paletteStore);
  const [query, setQuery] = useState('');
  // Mantine clears the query when the closing animation ends; a palette reopened sooner (Ctrl+K
  // right after Enter) would show the last search, so each opening starts empty.
  const [wasOpened, setWasOpened] = useState(opened);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) setQuery('');
  }
  const [search] = useDebouncedValue(query.trim(), 120);
  const found = useQuery({
    ...trpc.search.find.queryOptions({ query: search, limit: 5 }),
    enabled: opened && search.length > 0,
    placeholderData: keepPreviousData,
  });
  const hits = search.length > 0 && query.trim().length > 0 ? (found.data?.hits ?? []) : [];
  const commands = useCommands(query);
  const shown = [
    ...hits.map((hit) => `${hit.kind}:${hit.id}`),
    ...[...commands.page, ...commands.areas, ...commands.general].map((command) => command.id),
  ].join('|');
  useEffect(() => {
    if (opened) selectFirstAction(paletteStore);
  }, [opened, shown]);
  const nothing = shown.length === 0;
  // Busy while what is typed has not been searched yet: a late answer puts hits above the
  // commands and moves the selection, which a screen reader, and a test, should wait out.
  const searching = opened && query.trim().length > 0 && (query.trim() !== search || found.isFetching);

  return (
    <Spotlight.Root
      store={paletteStore}
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K']}
      tagsToIgnore={[]}
      scrollable
      maxHeight="min(560px, 70vh)"
    >
      <Spotlight.Search
        placeholder="Find by number, id, email, name or card; or type a command…"
        aria-label="Search everything or run a command"
        leftSection={<IconSearch size={18} stroke={1.75} />}
      />
      <Spotlight.ActionsList aria-label="Results" aria-busy={searching}>
        <SearchHits hits={hits} />
        <CommandGroup label="On this page" commands={commands.page} />
        <CommandGroup label="Go to" commands={commands.areas} />
        <CommandGroup label="Commands" commands={commands.general} />
        {nothing && (
          <Spotlight.Empty>
            <Text size="sm" c="dimmed">
              {found.isFetching ? 'Searching…' : `Nothing matches “${query.trim()}”`}
            </Text>
          </Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
