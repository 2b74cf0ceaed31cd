import { isIP } from 'node:net';

/** Expands an IPv6 address to its eight groups, or null when it is not one. */
function ipv6Groups(address: string): string[] | null {
  if (isIP(address) !== 6) return null;
  const [head = '', tail] = address.split('::');
  const part = (text: string) => (text === '' ? [] : text.split(':'));
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  if (right.some((group) => group.includes('.')) || left.some((group) => group.includes('.'))) return null;
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right];
}

/**
 * The key a limit counts by: an IPv4 address, or an IPv6 address's /64 (one subscriber's
 * network: anyone holding one can use 2^64 addresses, so counting by address would not count).
 */
export function addressKey(address: string | null): string {
  if (address === null) return 'unknown';
  const groups = ipv6Groups(address);
  if (!groups) return address;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
