import { Divider, NavLink, Stack, Text, Tooltip } from '@mantine/core';
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
  IconBuildingCommunity,
  IconUserCog,
  IconShieldLock,
  IconKey,
  IconPlugConnected,
  IconSend,
  IconDatabaseExport,
  IconClockPlay,
  IconLayoutDashboard,
  IconFileExport,
  IconLicense,
} from '@tabler/icons-react';
import { Link, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { Permission } from '../../shared/permissions';
import { useSession } from './session';

export interface Area {
  to:
    | '/overview'
    | '/customers'
    | '/catalog'
    | '/subscriptions'
    | '/licenses'
    | '/invoices'
    | '/payments'
    | '/recovery'
    | '/test-clocks'
    | '/audit'
    | '/emails'
    | '/stripe-events'
    | '/admin/tenants'
    | '/admin/members'
    | '/admin/roles'
    | '/admin/api-keys'
    | '/admin/backups'
    | '/admin/jobs'
    | '/webhooks'
    | '/exports'
    | '/connect';
  label: string;
  icon: ReactNode;
  /** Shown only to those who hold it here. */
  permission?: Permission;
}

/** Only areas that exist are listed; each new feature adds its own line here. */
export const AREAS: Area[] = [
  { to: '/overview', label: 'Overview', icon: <IconLayoutDashboard size={18} stroke={1.75} /> },
  { to: '/customers', label: 'Customers', icon: <IconUsers size={18} stroke={1.75} /> },
  { to: '/catalog', label: 'Plans & prices', icon: <IconTags size={18} stroke={1.75} /> },
  { to: '/subscriptions', label: 'Subscriptions', icon: <IconRepeat size={18} stroke={1.75} /> },
  {
    to: '/licenses',
    label: 'Licenses',
    icon: <IconLicense size={18} stroke={1.75} />,
    permission: 'licensing.read',
  },
  { to: '/invoices', label: 'Invoices', icon: <IconFileInvoice size={18} stroke={1.75} /> },
  { to: '/payments', label: 'Payments', icon: <IconCreditCard size={18} stroke={1.75} /> },
  { to: '/recovery', label: 'Recovery', icon: <IconHeartHandshake size={18} stroke={1.75} /> },
  { to: '/test-clocks', label: 'Test clocks', icon: <IconClock size={18} stroke={1.75} /> },
  { to: '/emails', label: 'Emails', icon: <IconMail size={18} stroke={1.75} /> },
  { to: '/stripe-events', label: 'Stripe events', icon: <IconWebhook size={18} stroke={1.75} /> },
  { to: '/audit', label: 'Audit log', icon: <IconHistory size={18} stroke={1.75} /> },
  { to: '/exports', label: 'Exports', icon: <IconFileExport size={18} stroke={1.75} /> },
  { to: '/connect', label: 'Connect', icon: <IconPlugConnected size={18} stroke={1.75} /> },
];

/** Administration: tenants for platform staff, members and keys for those who manage users. */
export const ADMIN_AREAS: Area[] = [
  {
    to: '/admin/tenants',
    label: 'Tenants',
    icon: <IconBuildingCommunity size={18} stroke={1.75} />,
    permission: 'tenants.manage',
  },
  {
    to: '/admin/members',
    label: 'Members',
    icon: <IconUserCog size={18} stroke={1.75} />,
    permission: 'users.manage',
  },
  { to: '/admin/roles', label: 'Roles', icon: <IconShieldLock size={18} stroke={1.75} /> },
  {
    to: '/admin/api-keys',
    label: 'API keys',
    icon: <IconKey size={18} stroke={1.75} />,
    permission: 'users.manage',
  },
  {
    to: '/webhooks',
    label: 'Webhooks',
    icon: <IconSend size={18} stroke={1.75} />,
    permission: 'settings.write',
  },
  {
    to: '/admin/backups',
    label: 'Backups',
    icon: <IconDatabaseExport size={18} stroke={1.75} />,
    permission: 'tenants.manage',
  },
  {
    to: '/admin/jobs',
    label: 'Jobs',
    icon: <IconClockPlay size={18} stroke={1.75} />,
    permission: 'tenants.manage',
  },
];

function AreaLink({ area, rail, onNavigate }: { area: Area; rail: boolean; onNavigate: () => void }) {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const link = (
    <NavLink
      label={rail ? null : area.label}
      aria-label={rail ? area.label : undefined}
      leftSection={area.icon}
      active={pathname.startsWith(area.to)}
      variant="light"
      fw={550}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
      renderRoot={(props) => <Link to={area.to} {...props} onClick={onNavigate} />}
    />
  );
  return rail ? (
    <Tooltip label={area.label} position="right" withinPortal>
      {link}
    </Tooltip>
  ) : (
    link
  );
}

function Heading({ rail, children }: { rail: boolean; children: string }) {
  if (rail) return <Divider my={6} aria-hidden />;
  return (
    <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pb={6} pt="xs">
      {children}
    </Text>
  );
}

/** The areas the user may open; `rail` shows icons only (their names in tooltips), for narrow windows. */
export function Navbar({ onNavigate, rail = false }: { onNavigate: () => void; rail?: boolean }) {
  const { permissions } = useSession();
  const held = (area: Area) => !area.permission || permissions.includes(area.permission);
  const areas = AREAS.filter(held);
  const adminAreas = ADMIN_AREAS.filter(held);
  return (
    <Stack gap={2} component="nav" aria-label="Main">
      <Heading rail={rail}>Workspace</Heading>
      {areas.map((area) => (
        <AreaLink key={area.to} area={area} rail={rail} onNavigate={onNavigate} />
      ))}
      <Heading rail={rail}>Administration</Heading>
      {adminAreas.map((area) => (
        <AreaLink key={area.to} area={area} rail={rail} onNavigate={onNavigate} />
      ))}
    </Stack>
  );
}
