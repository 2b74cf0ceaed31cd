import { CLIENT_HEADER, type ClientInfo } from './context';

/**
 * `desktop:<id>` or `web:<id>`: what the console (renderer/lib/client-id.ts, 22 random
 * letters, digits, _ or -) and a connected desktop (`desktop:desk-<hex>`) send. The id goes
 * into the audit trail, so it is held to this shape and 64 characters.
 */
const SHAPE = /^(desktop|web):([A-Za-z0-9_-]{1,64})$/;

export const CLIENT_HEADER_RULE = `The ${CLIENT_HEADER} header must be desktop:<id> or web:<id>, the id 1 to 64 letters, digits, _ or -`;

/** The calling program the header names, or null when it is absent or not of the shape. */
export function readClientHeader(value: string | string[] | null | undefined): ClientInfo | null {
  const match = typeof value === 'string' ? SHAPE.exec(value) : null;
  return match ? { kind: match[1] as ClientInfo['kind'], id: match[2] as string } : null;
}

/**
 * Why an HTTP call's client header is refused, or null when it is good. Absent: 403 (the
 * header is what keeps cross-site pages out). Malformed: 400 naming the header, rather than
 * recorded as an "unknown" program: the audit trail would no longer say which one acted.
 */
export function clientHeaderRefusal(
  value: string | string[] | undefined,
): { status: 400 | 403; error: string } | null {
  if (value === undefined || value === '') {
    return { status: 403, error: `tRPC calls must carry the ${CLIENT_HEADER} header` };
  }
  return readClientHeader(value) ? null : { status: 400, error: CLIENT_HEADER_RULE };
}
