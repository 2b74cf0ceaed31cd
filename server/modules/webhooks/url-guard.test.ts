import { describe, expect, it } from 'vitest';
import { DomainError } from '../../lib/errors';
import { checkEndpointUrl, isBlockedAddress } from './url-guard';

function refusal(text: string, sandbox = false): string {
  try {
    checkEndpointUrl(text, { sandbox });
  } catch (error) {
    if (error instanceof DomainError) {
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.fieldErrors?.url).toHaveLength(1);
      return error.message;
    }
    throw error;
  }
  return 'accepted';
}

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.5',
    '192.168.1.1',
    '169.254.169.254',
    '100.100.100.200',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '64:ff9b::a00:1',
  ])('refuses %s', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });

  it('refuses what is not an address at all', () => {
    expect(isBlockedAddress('example.com')).toBe(true);
  });
});

describe('checkEndpointUrl outside the sandbox', () => {
  it('accepts a public https URL', () => {
    expect(checkEndpointUrl('https://hooks.example.com/tollgate?x=1', { sandbox: false }).hostname).toBe(
      'hooks.example.com',
    );
  });

  it('refuses plain http, naming https', () => {
    expect(refusal('http://hooks.example.com/in')).toMatch(/https:\/\//);
  });

  it.each([
    'https://127.0.0.1/in',
    'https://[::1]/in',
    'https://169.254.169.254/latest/meta-data',
    'https://10.0.0.8/in',
    'https://[::ffff:192.168.0.1]/in',
    'https://2130706433/in', // 127.0.0.1 written as a number: URL normalises it
    'https://0x7f.1/in',
  ])('refuses the private address in %s', (url) => {
    expect(refusal(url)).toMatch(/private, loopback or link-local/);
  });

  it.each(['https://localhost/in', 'https://api.localhost/in', 'https://intranet/in'])(
    'refuses the local name in %s',
    (url) => {
      expect(refusal(url)).toMatch(/public host/);
    },
  );

  it('refuses credentials, fragments, other schemes and non-URLs', () => {
    expect(refusal('https://user:pw@hooks.example.com/')).toMatch(/user name or password/);
    expect(refusal('https://hooks.example.com/#x')).toMatch(/fragment/);
    expect(refusal('ftp://hooks.example.com/')).toMatch(/https/);
    expect(refusal('file:///etc/passwd')).toMatch(/https/);
    expect(refusal('not a url')).toMatch(/not a valid address/);
  });
});

describe('checkEndpointUrl in the sandbox', () => {
  it('accepts http on loopback and private addresses, for local receivers', () => {
    expect(refusal('http://127.0.0.1:4000/hook', true)).toBe('accepted');
    expect(refusal('http://localhost:4000/hook', true)).toBe('accepted');
    expect(refusal('https://10.0.0.8/hook', true)).toBe('accepted');
  });

  it('still refuses other schemes and credentials', () => {
    expect(refusal('ftp://127.0.0.1/', true)).toMatch(/https:\/\/ or http:\/\//);
    expect(refusal('http://u:p@127.0.0.1/', true)).toMatch(/user name/);
  });
});
