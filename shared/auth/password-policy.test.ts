import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy';

describe('password policy', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblem('correct horse battery staple', 'ada@example.com')).toBeNull();
  });

  it('refuses short, repetitive, common and email-derived passwords, saying why', () => {
    expect(passwordProblem('short1!', 'ada@example.com')).toBe(
      `Use at least ${MIN_PASSWORD_LENGTH} characters`,
    );
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toBe('Use more than two different characters');
    expect(passwordProblem('Password1234')).toMatch(/first that attackers try/);
    expect(passwordProblem('lovelace-rules-2026', 'lovelace@example.com')).toMatch(/email address/);
    expect(passwordProblem('x'.repeat(300) + 'yz')).toMatch(/at most/);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblem('😀😁😂🤣😃😄😅😆😉😊😋🎉')).toBeNull();
    // Six emoji are twelve UTF-16 units, yet only six characters.
    expect(passwordProblem('😀😁😂🤣😃🎉')).toMatch(/at least/);
  });
});
