import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { z } from 'zod';
import type { EmbeddedBackend } from '../../server/embedded/backend';
import { IPC_ORIGIN, TRPC_IPC_CHANNEL, type IpcHttpRequest, type IpcHttpResponse } from '../../shared/ipc';

/** The same cap the HTTP server puts on a request body. */
export const MAX_IPC_BODY_BYTES = 1_000_000;

/** The parts of Electron's IpcMainInvokeEvent the bridge reads. */
export interface IpcInvokeEventLike {
  senderFrame: { url: string } | null;
}

/** The parts of Electron's ipcMain the bridge uses, so tests can pass an in-memory pair. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<IpcHttpResponse>,
  ): void;
  removeHandler(channel: string): void;
}

const requestShape = z.strictObject({
  // GET batches carry their inputs in the query string, so the URL gets the body's cap.
  url: z.string().max(MAX_IPC_BODY_BYTES),
  method: z.enum(['GET', 'POST']),
  headers: z.record(z.string().max(256), z.string().max(8192)),
  body: z.string().nullable(),
});

function refuse(status: number, error: string): IpcHttpResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error }) };
}

function isTrpcUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      `${parsed.protocol}//${parsed.host}` === IPC_ORIGIN &&
      !parsed.username &&
      !parsed.password &&
      parsed.pathname.startsWith('/trpc/')
    );
  } catch {
    return false;
  }
}

/** The request when it is one the console could have sent, else why not. */
export function parseIpcRequest(payload: unknown): IpcHttpRequest | { refusal: string } {
  const parsed = requestShape.safeParse(payload);
  if (!parsed.success) return { refusal: 'Malformed request' };
  const request = parsed.data;
  if (!isTrpcUrl(request.url)) return { refusal: `Only ${IPC_ORIGIN}/trpc/ is served over IPC` };
  if (request.body !== null && Buffer.byteLength(request.body) > MAX_IPC_BODY_BYTES) {
    return { refusal: 'Request body too large' };
  }
  if (request.method === 'GET' && request.body !== null) return { refusal: 'A GET request has no body' };
  return request;
}

/**
 * Answers one request from the renderer with tRPC's fetch adapter, so IPC gets the same
 * batching, status codes and error shapes as HTTP. Never throws: whatever goes wrong comes
 * back as a response, because an exception would cross IPC as an opaque string.
 */
export async function answerIpcRequest(
  backend: EmbeddedBackend,
  payload: unknown,
  sender: { url: string } | null,
  isAppUrl: (url: string) => boolean,
): Promise<IpcHttpResponse> {
  const logger = backend.services.logger;
  if (!sender || !isAppUrl(sender.url)) {
    // Log the sender's URL without its query or fragment, which may carry user data.
    logger.warn(
      { sender: sender?.url.split(/[?#]/)[0] ?? null },
      'refused IPC from a page that is not the console',
    );
    return refuse(403, 'This page may not call the backend');
  }
  const request = parseIpcRequest(payload);
  if ('refusal' in request) {
    logger.warn({ reason: request.refusal }, 'refused a malformed IPC request');
    return refuse(400, request.refusal);
  }
  let req: Request;
  try {
    req = new Request(request.url, { method: request.method, headers: request.headers, body: request.body });
  } catch {
    // Header names or values fetch itself rejects.
    return refuse(400, 'Malformed request');
  }
  try {
    const response = await fetchRequestHandler({
      endpoint: '/trpc',
      req,
      router: backend.router,
      createContext: () => backend.contextFromHeaders((name) => req.headers.get(name), 'desktop'),
    });
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: await response.text(),
    };
  } catch (error) {
    logger.error({ err: error }, 'the IPC bridge failed to answer');
    return refuse(500, 'Something went wrong on our side. The error was logged.');
  }
}

/** Serves tRPC on TRPC_IPC_CHANNEL to the console's own pages; returns the way to stop. */
export function registerTrpcIpc(
  ipc: IpcMainLike,
  backend: EmbeddedBackend,
  isAppUrl: (url: string) => boolean,
): () => void {
  ipc.handle(TRPC_IPC_CHANNEL, (event, payload) =>
    answerIpcRequest(backend, payload, event.senderFrame, isAppUrl),
  );
  return () => ipc.removeHandler(TRPC_IPC_CHANNEL);
}
