import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The headers a helmet middleware sets, read once. helmet works out the same headers for
 * every request when its options hold no per-request part (no CSP nonce, as here), so
 * running it per request only repeats the work; this runs it once against a recording
 * response and gives back a function that sets what it set and removes what it removed.
 */

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export function fixedHeaders(middleware: Middleware): (res: ServerResponse) => void {
  const set: [string, string | number | readonly string[]][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.push([name, value]);
      return recorder;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let failure: unknown = null;
  let called = false;
  middleware({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    called = true;
    failure = error ?? null;
  });
  if (!called || failure !== null) {
    throw new Error(
      'the security headers could not be worked out once (the middleware did not finish at once)',
    );
  }
  return (res) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
  };
}
