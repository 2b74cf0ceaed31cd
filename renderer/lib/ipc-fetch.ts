import { IPC_ORIGIN, type DesktopBridge, type IpcHttpRequest } from '../../shared/ipc';

/** Statuses whose responses may not carry a body (the Response constructor throws otherwise). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Compares the serialized URL rather than URL.host: older Chromium parsers gave custom
 * schemes an opaque path and no host. Request has already refused credentials in it.
 */
function isUnderIpcOrigin(url: string): boolean {
  return url.startsWith(`${IPC_ORIGIN}/`);
}

/** Lets the caller stop waiting (tRPC aborts superseded queries); the IPC call itself runs on. */
function untilAborted<T>(start: () => Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    start()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function toIpcRequest(request: Request): Promise<IpcHttpRequest> {
  return {
    url: request.url,
    method: request.method,
    // Headers iterates with lower-cased names, which is what the main process expects.
    headers: Object.fromEntries(request.headers),
    body: request.body === null ? null : await request.text(),
  };
}

/**
 * A fetch for tRPC's HTTP links that crosses IPC to the main process instead of the
 * network. Only URLs under IPC_ORIGIN are sent, so this can never become a way to reach
 * arbitrary hosts; anything else fails like a refused network request (TypeError).
 */
export function createIpcFetch(bridge: DesktopBridge): typeof fetch {
  return async (input, init) => {
    // Request does the normalising fetch would: URL objects, Headers, non-string bodies.
    const request = new Request(input, init);
    if (!isUnderIpcOrigin(request.url)) {
      throw new TypeError(`Only ${IPC_ORIGIN} URLs can be fetched over IPC, not ${request.url}`);
    }
    const outgoing = await toIpcRequest(request);
    let answer;
    try {
      answer = await untilAborted(() => bridge.fetch(outgoing), request.signal);
    } catch (error) {
      if (request.signal.aborted) throw error;
      throw new TypeError('The desktop backend did not answer', { cause: error });
    }
    return new Response(NULL_BODY_STATUSES.has(answer.status) ? null : answer.body, {
      status: answer.status,
      headers: answer.headers,
    });
  };
}
