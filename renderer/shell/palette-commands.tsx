import { IconAdjustments, IconArrowsExchange, IconKeyboard, IconMoon, IconPlus } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { ADMIN_AREAS, AREAS } from './Navbar';
import { usePageActionList } from './page-actions';
import { useSession } from './session';
import { openShortcuts } from './shortcuts';
import { useSwitchTenant } from './TenantSwitcher';
import { useToggleColorScheme } from './ThemeToggle';

export interface Command {
  id: string;
  label: string;
  /** Lower-case words that also find it. */
  keywords: string;
  icon: ReactNode;
  run: () => void;
}

export interface CommandGroups {
  /** What the open page can do. */
  page: Command[];
  /** Every area the user may open, as the sidebar lists them. */
  areas: Command[];
  general: Command[];
}

const ICON = { size: 18, stroke: 1.75 } as const;

/** Extra words for areas whose names people search by something else. */
const AREA_WORDS: Record<string, string> = {
  '/overview': 'home dashboard analytics metrics mrr arr churn revenue cohorts',
  '/customers': 'people accounts',
  '/catalog': 'plans prices products features pricing',
  '/subscriptions': 'recurring renewals',
  '/licenses': 'keys machines seats activations entitlements policies enterprise',
  '/invoices': 'bills receipts inv',
  '/payments': 'charges cards failed declined refunds',
  '/recovery': 'dunning retries failed past due',
  '/test-clocks': 'sandbox simulate time advance',
  '/emails': 'notifications outbox smtp mail',
  '/stripe-events': 'stripe events inbox',
  '/audit': 'history log trail who changed',
  '/connect': 'server sync desktop hosted',
  '/admin/tenants': 'workspaces organisations',
  '/admin/members': 'users team people invite staff',
  '/admin/roles': 'permissions access',
  '/admin/api-keys': 'keys tokens integrations',
  '/webhooks': 'outgoing events endpoints hooks notify apps signing',
};

function useAreaCommands(): Command[] {
  const navigate = useNavigate();
  const { permissions } = useSession();
  return [...AREAS, ...ADMIN_AREAS]
    .filter((area) => !area.permission || permissions.includes(area.permission))
    .map((area) => ({
      id: `area:${area.to}`,
      label: `Go to ${area.label}`,
      keywords: `${area.label.toLowerCase()} ${AREA_WORDS[area.to] ?? ''}`,
      icon: area.icon,
      run: () => void navigate({ to: area.to }),
    }));
}

function useGeneralCommands(): Command[] {
  const navigate = useNavigate();
  const session = useSession();
  const theme = useToggleColorScheme();
  const switchTo = useSwitchTenant();
  const commands: Command[] = [];
  if (session.permissions.includes('customers.write')) {
    commands.push({
      id: 'new-customer',
      label: 'New customer',
      keywords: 'create add customer',
      icon: <IconPlus {...ICON} />,
      run: () => void navigate({ to: '/customers/new' }),
    });
  }
  if (session.permissions.includes('billing.read')) {
    commands.push({
      id: 'analytics-settings',
      label: 'Analytics settings',
      keywords: 'mrr reporting currency fx exchange rates past due churn rebuild finance pack',
      icon: <IconAdjustments {...ICON} />,
      run: () => void navigate({ to: '/analytics/settings' }),
    });
  }
  for (const tenant of session.tenants) {
    if (tenant.id === session.tenant.id) continue;
    commands.push({
      id: `tenant:${tenant.id}`,
      label: `Switch to ${tenant.name}`,
      keywords: 'switch tenant workspace change',
      icon: <IconArrowsExchange {...ICON} />,
      run: () => void switchTo(tenant.id),
    });
  }
  commands.push(
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
  );
  return commands;
}

/** Whether every word typed appears in the command's label or keywords. */
export function commandMatches(command: Pick<Command, 'label' | 'keywords'>, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = `${command.label} ${command.keywords}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** The palette's commands matching `query` (all of them for an empty query), by group. */
export function useCommands(query: string): CommandGroups {
  const page = usePageActionList().map((action) => ({
    id: `page:${action.id}`,
    label: action.label,
    keywords: action.keywords ?? '',
    icon: action.icon ?? <IconPlus {...ICON} />,
    run: action.run,
  }));
  const keep = (commands: Command[]) => commands.filter((c) => commandMatches(c, query));
  return { page: keep(page), areas: keep(useAreaCommands()), general: keep(useGeneralCommands()) };
}
