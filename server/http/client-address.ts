import { isIP } from 'node:net';

/**
 * The address a request came from, for throttling and the audit trail. The connection's
 * peer is the answer, unless that peer is a proxy the operator named as trusted
 * (TOLLGATE_TRUSTED_PROXIES): then X-Forwarded-For is read from the right, skipping
 * trusted proxies, and the first address no trusted proxy added is the client. Anything
 * further left was written by the client itself and is never believed, so a client cannot
 * pick its own address to dodge a limit.
 */

/** `::ffff:1.2.3.4` (IPv4 on an IPv6 socket) is 1.2.3.4. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped ? (mapped[1] as string) : trimmed).toLowerCase();
}

export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: readonly string[],
): string | null {
  if (!peer) return null;
  let address = normalizeAddress(peer);
  if (!trustedProxies.includes(address) || forwardedFor === undefined) return address;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map(normalizeAddress)
    .filter((hop) => hop !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    // A malformed entry is where believable hops stop: keep the last proxy's own address.
    if (isIP(hop) === 0) return address;
    address = hop;
    if (!trustedProxies.includes(hop)) return hop;
  }
  return address;
}
