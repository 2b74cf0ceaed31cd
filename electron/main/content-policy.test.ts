import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { devServerPolicy, withContentSecurityPolicy } from './content-policy';

describe('devServerPolicy', () => {
  const policy = devServerPolicy();

  it("allows inline scripts (Vite's React preamble) and nothing else extra", () => {
    expect(policy).toContain("script-src 'self' 'unsafe-inline'");
    expect(policy.replace(" 'unsafe-inline'", '')).toContain("script-src 'self';");
    expect(policy).not.toContain('unsafe-eval');
  });

  it('keeps every other directive of the console policy as it is', () => {
    const others = (p: string) => p.split('; ').filter((d) => !d.startsWith('script-src '));
    expect(others(policy)).toEqual(others(CONTENT_SECURITY_POLICY));
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces whatever policy the server sent, in any letter case', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      CONTENT_SECURITY_POLICY,
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('adds the policy when the server sent no headers', () => {
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});
