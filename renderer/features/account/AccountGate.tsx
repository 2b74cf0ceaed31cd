import { Center, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTRPC } from '../../lib/trpc';
import { AccountLayout } from './AccountLayout';

/**
 * Sends an account admin (someone bound to a customer's account, with no staff role) to their
 * own console; everyone else goes on to the staff console (`children`).
 */
export function AccountGate({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 60_000 });
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Opening your workspace" />
      </Center>
    );
  }
  const data = me.data;
  const accountOnly =
    data !== undefined &&
    data.platformRole === null &&
    Object.keys(data.tenantRoles).length === 0 &&
    Object.keys(data.accounts).length > 0;
  return accountOnly ? <AccountLayout name={data.user.name} /> : children;
}
