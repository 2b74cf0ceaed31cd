import { createTRPCClient, httpBatchLink, httpLink, splitLink, type HTTPHeaders } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../../server/app/router';
import { MAX_BATCH_CALLS, MAX_URL_LENGTH } from '../../shared/http-limits';
import { IPC_ORIGIN, type DesktopBridge } from '../../shared/ipc';
import { COMMAND_KEY_HEADER } from '../../shared/sync/offline';
import { activeTenant } from './active-tenant';
import { clientHeader, loadClientId } from './client-id';
import { createIpcFetch } from './ipc-fetch';
import { commandKeyOf } from './offline/command-key';
import { queuedAnswerLink, type QueuedLinkHandlers } from './offline/queued-link';

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
 *
 * Queries are batched; mutations go one per request, so each carries its own command key
 * (`x-tollgate-command-key`, from the operation's context) and a queued answer is read alone.
 */
export function createTrpcClient(
  handlers: QueuedLinkHandlers,
  bridge: DesktopBridge | undefined = window.tollgate,
): TrpcClient {
  const client = clientHeader(bridge ? 'desktop' : 'web', loadClientId(localStorage));
  const headers = (): HTTPHeaders => {
    const tenant = activeTenant();
    return tenant
      ? { 'x-tollgate-client': client, 'x-tollgate-tenant': tenant }
      : { 'x-tollgate-client': client };
  };
  const withCommandKey = ({ op }: { op: { context: Record<string, unknown> } }): HTTPHeaders => {
    const key = commandKeyOf(op.context);
    return key ? { ...headers(), [COMMAND_KEY_HEADER]: key } : headers();
  };
  const url = bridge ? `${IPC_ORIGIN}/trpc` : '/trpc';
  const fetch = bridge ? createIpcFetch(bridge) : undefined;
  // Batches stay within what the server accepts (it refuses larger ones before running any call).
  const limits = { maxItems: MAX_BATCH_CALLS, maxURLLength: MAX_URL_LENGTH - 100 };
  return createTRPCClient<AppRouter>({
    links: [
      queuedAnswerLink<AppRouter>(handlers),
      splitLink({
        condition: (op) => op.type === 'mutation',
        true: httpLink({ url, fetch, headers: withCommandKey }),
        false: httpBatchLink({ url, fetch, headers, ...limits }),
      }),
    ],
  });
}
