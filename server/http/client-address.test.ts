import { describe, expect, it } from 'vitest';
import { addressKey } from '../auth/address-key';
import { clientAddress } from './client-address';

describe('the client address', () => {
  it('is the connection’s peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress('203.0.113.9', '10.0.0.1', [])).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', undefined, [])).toBe('203.0.113.9');
    expect(clientAddress(undefined, '10.0.0.1', [])).toBeNull();
  });

  it('is read from the right of X-Forwarded-For behind trusted proxies', () => {
    const proxies = ['127.0.0.1', '10.0.0.2'];
    // The client wrote 6.6.6.6 itself; the proxies added 198.51.100.7 and 10.0.0.2.
    expect(clientAddress('127.0.0.1', '6.6.6.6, 198.51.100.7, 10.0.0.2', proxies)).toBe('198.51.100.7');
    expect(clientAddress('127.0.0.1', ['6.6.6.6', '198.51.100.7'], proxies)).toBe('198.51.100.7');
    // A trusted proxy that forwards nothing: the proxy itself.
    expect(clientAddress('127.0.0.1', undefined, proxies)).toBe('127.0.0.1');
    // Garbage stops the walk at the last believable hop.
    expect(clientAddress('127.0.0.1', '198.51.100.7, not-an-ip', proxies)).toBe('127.0.0.1');
    // An untrusted peer's header is ignored.
    expect(clientAddress('203.0.113.9', '198.51.100.7', proxies)).toBe('203.0.113.9');
  });
});

describe('the key limits count by', () => {
  it('is an IPv4 address, or an IPv6 address’s /64', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey(null)).toBe('unknown');
  });
});
