import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { AppRouter } from '../../server/app/router';
import type { Permission } from '../../shared/permissions';
import { clearActiveTenant, hasChosenTenant, setActiveTenant } from '../lib/active-tenant';
import { readServerProblem } from '../lib/errors';
import { useTRPC } from '../lib/trpc';

export type Session = inferRouterOutputs<AppRouter>['tenants']['session'];

const SessionContext = createContext<Session | null>(null);

/** Loads who is signed in and where before showing any screen that depends on it. */
export function SessionGate({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const session = useQuery({ ...trpc.tenants.session.queryOptions(), staleTime: 60_000 });
  // A tenant chosen on an earlier visit may since have been left or suspended: open the default one instead.
  const refused = session.error ? readServerProblem(session.error).code : null;
  const staleChoice = (refused === 'FORBIDDEN' || refused === 'NOT_FOUND') && hasChosenTenant();
  const { refetch } = session;
  useEffect(() => {
    if (!staleChoice) return;
    clearActiveTenant();
    void refetch();
  }, [staleChoice, refetch]);
  if (session.data) {
    // Every later request names this tenant explicitly (see active-tenant.ts).
    setActiveTenant(session.data.tenant.id);
    return <SessionContext value={session.data}>{children}</SessionContext>;
  }
  if (session.error && !staleChoice) {
    return (
      <Center h="100vh">
        <Stack align="center" gap="sm" maw={420} ta="center" role="alert">
          <Text fw={600}>Could not open your workspace</Text>
          <Text size="sm" c="dimmed">
            {readServerProblem(session.error).message}
          </Text>
          <Button variant="default" onClick={() => void session.refetch()}>
            Try again
          </Button>
        </Stack>
      </Center>
    );
  }
  return (
    <Center h="100vh">
      <Loader aria-label="Opening your workspace" />
    </Center>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionGate>');
  return session;
}

/** Whether the signed-in user may do this here; the console hides or disables what they may not. */
export function useCan(permission: Permission): boolean {
  return useSession().permissions.includes(permission);
}
