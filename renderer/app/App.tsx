import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useState } from 'react';
import { notifyQueued } from '../lib/notify';
import { signalConnectionChange } from '../lib/offline/connection-signal';
import { createTrpcClient, TRPCProvider } from '../lib/trpc';
import { router } from '../routes/router';
import { ErrorBoundary } from './ErrorBoundary';
import { cssVariablesResolver, theme } from './theme';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The backend is local: data is fresh for a few seconds and a failed read is retried once.
        staleTime: 5_000,
        retry: 1,
        refetchOnWindowFocus: true,
      },
    },
  });
}

/** Providers in dependency order: theme, data, then the router that renders the screens. */
export function App() {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTrpcClient({
      onQueued: (mark) => {
        notifyQueued(mark.label);
        signalConnectionChange();
      },
      onUnanswered: signalConnectionChange,
    }),
  );
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <ErrorBoundary>
        <QueryClientProvider client={queryClient}>
          <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
            <ModalsProvider>
              <Notifications position="bottom-right" limit={4} />
              <RouterProvider router={router} />
            </ModalsProvider>
          </TRPCProvider>
        </QueryClientProvider>
      </ErrorBoundary>
    </MantineProvider>
  );
}
