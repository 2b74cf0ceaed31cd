import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { fixedHeaders } from './fixed-headers';

/** A response that keeps what is set on it, as node's does. */
function recordingResponse() {
  const headers = new Map<string, unknown>([['x-powered-by', 'an old framework']]);
  const res = {
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), value),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  return { headers, res: res as unknown as ServerResponse };
}

describe('fixedHeaders', () => {
  it('sets exactly what helmet sets on each response', () => {
    const options = { contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"] } } };
    const byHelmet = recordingResponse();
    helmet(options)({ headers: {} } as IncomingMessage, byHelmet.res, () => undefined);
    const once = fixedHeaders(helmet(options));
    const first = recordingResponse();
    const second = recordingResponse();
    once(first.res);
    once(second.res);
    expect(Object.fromEntries(first.headers)).toEqual(Object.fromEntries(byHelmet.headers));
    expect(Object.fromEntries(second.headers)).toEqual(Object.fromEntries(byHelmet.headers));
    expect(first.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(first.headers.has('x-powered-by')).toBe(false);
  });

  it('refuses a middleware that does not finish at once', () => {
    expect(() => fixedHeaders(() => undefined)).toThrow(/could not be worked out once/);
  });
});
