import { Badge, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight } from '@mantine/spotlight';
import {
  IconMoon,
  IconPlus,
  IconSearch,
  IconTags,
  IconUser,
  IconUsers,
  IconKeyboard,
  IconClock,
  IconCreditCard,
  IconFileInvoice,
  IconRepeat,
} from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { countryName } from '../lib/format';
import { useTRPC } from '../lib/trpc';
import { useCan } from './session';
import { openShortcuts } from './shortcuts';
import { useToggleColorScheme } from './ThemeToggle';

interface Command {
  id: string;
  label: string;
  keywords: string;
  icon: ReactNode;
  run: () => void;
}

const ICON = { size: 18, stroke: 1.75 } as const;

function useCommands(): Command[] {
  const navigate = useNavigate();
  const canWrite = useCan('customers.write');
  const theme = useToggleColorScheme();
  const commands: Command[] = [
    {
      id: 'customers',
      label: 'Go to customers',
      keywords: 'customers list people accounts',
      icon: <IconUsers {...ICON} />,
      run: () => void navigate({ to: '/customers' }),
    },
    {
      id: 'catalog',
      label: 'Go to plans & prices',
      keywords: 'catalog plans prices products features pricing',
      icon: <IconTags {...ICON} />,
      run: () => void navigate({ to: '/catalog' }),
    },
    {
      id: 'subscriptions',
      label: 'Go to subscriptions',
      keywords: 'subscriptions billing plans recurring renewals',
      icon: <IconRepeat {...ICON} />,
      run: () => void navigate({ to: '/subscriptions' }),
    },
    {
      id: 'invoices',
      label: 'Go to invoices',
      keywords: 'invoices billing bills receipts inv refunds',
      icon: <IconFileInvoice {...ICON} />,
      run: () => void navigate({ to: '/invoices' }),
    },
    {
      id: 'payments',
      label: 'Go to payments',
      keywords: 'payments charges cards failed declined refunds',
      icon: <IconCreditCard {...ICON} />,
      run: () => void navigate({ to: '/payments' }),
    },
    {
      id: 'test-clocks',
      label: 'Go to test clocks',
      keywords: 'test clocks sandbox simulate time advance',
      icon: <IconClock {...ICON} />,
      run: () => void navigate({ to: '/test-clocks' }),
    },
    {
      id: 'theme',
      label: theme.scheme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme',
      keywords: 'theme dark light mode appearance toggle',
      icon: <IconMoon {...ICON} />,
      run: theme.toggle,
    },
    {
      id: 'shortcuts',
      label: 'Keyboard shortcuts',
      keywords: 'help keys hotkeys shortcuts',
      icon: <IconKeyboard {...ICON} />,
      run: openShortcuts,
    },
  ];
  if (canWrite) {
    commands.splice(1, 0, {
      id: 'new-customer',
      label: 'New customer',
      keywords: 'create add customer',
      icon: <IconPlus {...ICON} />,
      run: () => void navigate({ to: '/customers/new' }),
    });
  }
  return commands;
}

/** Ctrl/⌘+K: find any customer by name or email as you type, or jump to a page or command. */
export function CommandPalette() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [search] = useDebouncedValue(query.trim(), 120);
  const customers = useQuery({
    ...trpc.customers.list.queryOptions({ search, status: 'all', limit: 8 }),
    enabled: search.length > 0,
    placeholderData: keepPreviousData,
  });
  const needle = query.trim().toLowerCase();
  const commands = useCommands().filter(
    (c) => !needle || c.label.toLowerCase().includes(needle) || c.keywords.includes(needle),
  );
  const found = search.length > 0 ? (customers.data?.items ?? []) : [];

  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K']} tagsToIgnore={[]}>
      <Spotlight.Search
        placeholder="Search customers or type a command…"
        aria-label="Search customers or commands"
        leftSection={<IconSearch size={18} stroke={1.75} />}
      />
      <Spotlight.ActionsList>
        {found.length > 0 && (
          <Spotlight.ActionsGroup label="Customers">
            {found.map((customer) => (
              <Spotlight.Action
                key={customer.id}
                label={customer.name}
                description={`${customer.email} · ${countryName(customer.country)}`}
                leftSection={<IconUser {...ICON} />}
                rightSection={
                  customer.status === 'archived' ? (
                    <Badge color="gray" size="sm">
                      Archived
                    </Badge>
                  ) : null
                }
                onClick={() => void navigate({ to: '/customers/$id', params: { id: customer.id } })}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {commands.length > 0 && (
          <Spotlight.ActionsGroup label="Commands">
            {commands.map((command) => (
              <Spotlight.Action
                key={command.id}
                label={command.label}
                leftSection={command.icon}
                onClick={command.run}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {found.length === 0 && commands.length === 0 && (
          <Spotlight.Empty>
            <Text size="sm" c="dimmed">
              {customers.isFetching ? 'Searching…' : `Nothing matches “${query.trim()}”`}
            </Text>
          </Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
