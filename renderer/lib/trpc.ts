import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../../server/app/router';
import { MAX_BATCH_CALLS, MAX_URL_LENGTH } from '../../shared/http-limits';
import { IPC_ORIGIN, type DesktopBridge } from '../../shared/ipc';
import { activeTenant } from './active-tenant';
import { clientHeader, loadClientId } from './client-id';
import { createIpcFetch } from './ipc-fetch';

declare global {
  interface Window {
    /** Set by Electron's preload script; absent when the console runs in a browser. */
    tollgate?: DesktopBridge;
  }
}

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export type TrpcClient = ReturnType<typeof createTRPCClient<AppRouter>>;

/**
 * One client for the app's lifetime. Inside Electron requests cross the preload bridge
 * (same tRPC wire format, no network); in a browser they go to the serving backend.
 * Plain JSON, no transformer: every time is an epoch-ms number.
 */
export function createTrpcClient(bridge: DesktopBridge | undefined = window.tollgate): TrpcClient {
  const client = clientHeader(bridge ? 'desktop' : 'web', loadClientId(localStorage));
  const headers = () => {
    const tenant = activeTenant();
    return tenant
      ? { 'x-tollgate-client': client, 'x-tollgate-tenant': tenant }
      : { 'x-tollgate-client': client };
  };
  // Batches stay within what the server accepts (it refuses larger ones before running any call).
  const limits = { maxItems: MAX_BATCH_CALLS, maxURLLength: MAX_URL_LENGTH - 100 };
  const link = bridge
    ? httpBatchLink({ url: `${IPC_ORIGIN}/trpc`, fetch: createIpcFetch(bridge), headers, ...limits })
    : httpBatchLink({ url: '/trpc', headers, ...limits });
  return createTRPCClient<AppRouter>({ links: [link] });
}
