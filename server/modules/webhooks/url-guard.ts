import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { DomainError } from '../../lib/errors';

/**
 * The SSRF guard: a tenant's endpoint URL must not make the authority call into its own
 * network. Outside the sandbox only `https://` to public addresses; the check runs on the
 * text when an endpoint is saved and on the resolved addresses at every delivery (a name
 * can be pointed at 127.0.0.1 after it was saved). In the sandbox anything goes, so tests
 * and local development can use a receiver on loopback.
 */

/** Addresses a tenant's URL may not reach: private, loopback, link-local (cloud metadata), and the like. */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT (Alibaba's metadata service lives here)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local: 169.254.169.254 is the cloud metadata service
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64 embeds an IPv4 address
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local (AWS's IPv6 metadata address is here)
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped IPv6 one (::ffff:10.0.0.1), else null. */
function mappedIpv4(address: string): string | null {
  const match = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return match?.[1] ?? null;
}

/** True when an IP address is one a tenant's webhook may not reach outside the sandbox. */
export function isBlockedAddress(address: string): boolean {
  const mapped = mappedIpv4(address);
  if (mapped) return isBlockedAddress(mapped);
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) return BLOCKED.check(address, 'ipv6');
  return true;
}

const invalidUrl = (message: string) => new DomainError('INVALID_INPUT', message, { url: [message] });

/** A URL's host as an IP literal (brackets of IPv6 removed), or null for a name. */
function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : null;
}

/**
 * Checks an endpoint URL as written and returns it parsed; refuses with INVALID_INPUT on
 * `url`, saying why. Names are checked again, resolved, at each delivery.
 */
export function checkEndpointUrl(text: string, options: { sandbox: boolean }): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidUrl('URL is not a valid address (it must start with https://)');
  }
  const allowed = options.sandbox ? ['https:', 'http:'] : ['https:'];
  if (!allowed.includes(url.protocol)) {
    throw invalidUrl(
      options.sandbox
        ? 'URL must start with https:// or http://'
        : 'URL must start with https:// (plain http is allowed only in the sandbox)',
    );
  }
  if (url.username || url.password) throw invalidUrl('URL must not carry a user name or password');
  if (url.hash) throw invalidUrl('URL must not have a #fragment');
  if (options.sandbox) return url;
  const literal = ipLiteral(url.hostname);
  if (literal && isBlockedAddress(literal)) {
    throw invalidUrl(
      'URL points to a private, loopback or link-local address, which only the sandbox may use',
    );
  }
  const host = url.hostname.toLowerCase();
  if (!literal && (host === 'localhost' || host.endsWith('.localhost') || !host.includes('.'))) {
    throw invalidUrl('URL must name a public host (local names are allowed only in the sandbox)');
  }
  return url;
}

/** Why a delivery was not even attempted: the address is refused. */
export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';
}

/** Refuses an IP-literal host before connecting (Node does not resolve those, so lookup never sees them). */
export function assertLiteralAllowed(url: URL, sandbox: boolean): void {
  const literal = ipLiteral(url.hostname);
  if (!sandbox && literal && isBlockedAddress(literal)) {
    throw new BlockedAddressError(`${literal} is a private, loopback or link-local address`);
  }
}

/**
 * A DNS lookup for the HTTP client that refuses a name resolving to any blocked address, so
 * the check is made on the very addresses the connection uses (no window for DNS rebinding).
 */
export function guardedLookup(sandbox: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, resolved: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const blocked = sandbox ? undefined : resolved.find((a) => isBlockedAddress(a.address));
      if (blocked) {
        const refusal = new BlockedAddressError(
          `${hostname} resolves to ${blocked.address}, a private, loopback or link-local address`,
        );
        return callback(refusal, '', 0);
      }
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, resolved);
      const first = resolved[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
