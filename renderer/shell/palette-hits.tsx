import { Badge, Group } from '@mantine/core';
import { Spotlight } from '@mantine/spotlight';
import { IconCreditCard, IconFileInvoice, IconMail, IconRepeat, IconUser } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { formatMoney, money } from '../../shared/money';
import type { SearchHit, SearchKind, SearchMatch } from '../../shared/search/schema';

const ICON = { size: 18, stroke: 1.75 } as const;

const KIND: Record<SearchKind, { group: string; icon: ReactNode }> = {
  invoice: { group: 'Invoices', icon: <IconFileInvoice {...ICON} /> },
  customer: { group: 'Customers', icon: <IconUser {...ICON} /> },
  subscription: { group: 'Subscriptions', icon: <IconRepeat {...ICON} /> },
  payment: { group: 'Payments', icon: <IconCreditCard {...ICON} /> },
  email: { group: 'Emails', icon: <IconMail {...ICON} /> },
};

const MATCHED: Record<SearchMatch, string> = {
  id: 'id',
  reference: 'Stripe id',
  number: 'number',
  email: 'email',
  name: 'name',
  card: 'card',
};

function description(hit: SearchHit): string {
  const amount = hit.amount !== null && hit.currency ? formatMoney(money(hit.amount, hit.currency)) : null;
  return [hit.detail, amount].filter(Boolean).join(' · ');
}

/** Found objects, grouped by kind in the order the server ranked them; each opens its page. */
export function SearchHits({ hits }: { hits: readonly SearchHit[] }) {
  const navigate = useNavigate();
  const kinds = [...new Set(hits.map((hit) => hit.kind))];
  const open = (hit: SearchHit) => {
    const { area, id } = hit.open;
    if (area === 'customers') void navigate({ to: '/customers/$id', params: { id } });
    if (area === 'invoices') void navigate({ to: '/invoices/$id', params: { id } });
    if (area === 'subscriptions') void navigate({ to: '/subscriptions/$id', params: { id } });
    if (area === 'emails') void navigate({ to: '/emails/$id', params: { id } });
  };
  return kinds.map((kind) => (
    <Spotlight.ActionsGroup key={kind} label={KIND[kind].group}>
      {hits
        .filter((hit) => hit.kind === kind)
        .map((hit) => (
          <Spotlight.Action
            key={`${hit.kind}:${hit.id}`}
            label={hit.title}
            description={description(hit)}
            leftSection={KIND[kind].icon}
            rightSection={
              <Group gap={4} wrap="nowrap">
                <Badge size="sm" variant="light" color="gray" tt="none">
                  {hit.status.replace('_', ' ')}
                </Badge>
                <Badge size="sm" variant="outline" color="gray" tt="none">
                  by {MATCHED[hit.matched]}
                </Badge>
              </Group>
            }
            onClick={() => open(hit)}
          />
        ))}
    </Spotlight.ActionsGroup>
  ));
}
