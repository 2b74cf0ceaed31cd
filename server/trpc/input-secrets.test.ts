import { describe, expect, it } from 'vitest';
import { inputSecrets, MIN_REQUEST_SECRET_LENGTH } from './input-secrets';

const value = (label: string) => `${label}-${Math.random().toString(36).slice(2, 12)}`;

describe('the secrets an input carries', () => {
  it('takes password-like fields at any depth, and the paths a procedure declares', () => {
    const [password, next, token, declared] = ['pw', 'new', 'tok', 'decl'].map(value);
    const input = {
      email: 'someone@example.com',
      password,
      account: { newPassword: next, items: [{ refreshToken: token }] },
      endpoint: { signing: declared },
      note: `mentions ${password}`,
    };
    expect([...inputSecrets(input, { input: ['endpoint.signing'] })].sort()).toEqual(
      [password, next, token, declared].sort(),
    );
  });

  it('leaves ordinary fields, values too short to mask safely, and inputs that are not objects', () => {
    expect(
      inputSecrets({
        name: value('name'),
        note: value('note'),
        password: 'x'.repeat(MIN_REQUEST_SECRET_LENGTH - 1),
      }).size,
    ).toBe(0);
    expect(inputSecrets(undefined).size).toBe(0);
    expect(inputSecrets('password').size).toBe(0);
  });
});
