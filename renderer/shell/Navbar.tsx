import { NavLink, Stack, Text } from '@mantine/core';
import {
  IconTags,
  IconUsers,
  IconClock,
  IconCreditCard,
  IconFileInvoice,
  IconRepeat,
  IconHistory,
  IconHeartHandshake,
  IconMail,
  IconWebhook,
} from '@tabler/icons-react';
import { Link, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';

interface Area {
  to:
    | '/customers'
    | '/catalog'
    | '/subscriptions'
    | '/invoices'
    | '/payments'
    | '/recovery'
    | '/test-clocks'
    | '/audit'
    | '/emails'
    | '/webhooks';
  label: string;
  icon: ReactNode;
}

/** Only areas that exist are listed; each new feature adds its own line here. */
const AREAS: Area[] = [
  { to: '/customers', label: 'Customers', icon: <IconUsers size={18} stroke={1.75} /> },
  { to: '/catalog', label: 'Plans & prices', icon: <IconTags size={18} stroke={1.75} /> },
  { to: '/subscriptions', label: 'Subscriptions', icon: <IconRepeat size={18} stroke={1.75} /> },
  { to: '/invoices', label: 'Invoices', icon: <IconFileInvoice size={18} stroke={1.75} /> },
  { to: '/payments', label: 'Payments', icon: <IconCreditCard size={18} stroke={1.75} /> },
  { to: '/recovery', label: 'Recovery', icon: <IconHeartHandshake size={18} stroke={1.75} /> },
  { to: '/test-clocks', label: 'Test clocks', icon: <IconClock size={18} stroke={1.75} /> },
  { to: '/emails', label: 'Emails', icon: <IconMail size={18} stroke={1.75} /> },
  { to: '/webhooks', label: 'Webhook events', icon: <IconWebhook size={18} stroke={1.75} /> },
  { to: '/audit', label: 'Audit log', icon: <IconHistory size={18} stroke={1.75} /> },
];

export function Navbar({ onNavigate }: { onNavigate: () => void }) {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  return (
    <Stack gap={2} component="nav" aria-label="Main">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pb={6} pt="xs">
        Workspace
      </Text>
      {AREAS.map((area) => (
        <NavLink
          key={area.to}
          label={area.label}
          leftSection={area.icon}
          active={pathname.startsWith(area.to)}
          variant="light"
          fw={550}
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
          renderRoot={(props) => <Link to={area.to} {...props} onClick={onNavigate} />}
        />
      ))}
    </Stack>
  );
}
