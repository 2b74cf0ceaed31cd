import { Stack, Tabs } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../lib/trpc';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { PageHeader } from '../../ui/PageHeader';
import { ACCOUNT_TABS } from './tabs';

/**
 * My account (decision 145): what an account admin administers — their company's profile,
 * subscriptions, cards on file and invoices with receipts, and their licenses — read through
 * the account procedures, which take the customer from the admin's own binding. One tab per
 * area (tabs.tsx).
 */
export function AccountPage() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.account.overview.queryOptions());
  const [tab, setTab] = useState<string>(ACCOUNT_TABS[0].value);
  useDocumentTitle('My account · Tollgate');
  const data = overview.data;
  if (!data) return <LoadOrProblem error={overview.error} what="account" />;
  const { customer, vendor } = data;
  return (
    <Stack gap="lg">
      <PageHeader
        title="My account"
        description={`${customer.company ?? customer.name}'s account with ${vendor.name}`}
      />
      <Tabs value={tab} onChange={(value) => setTab(value ?? ACCOUNT_TABS[0].value)} keepMounted={false}>
        <Tabs.List mb="lg">
          {ACCOUNT_TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {ACCOUNT_TABS.map((t) => (
          <Tabs.Panel key={t.value} value={t.value}>
            {t.panel(data)}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
