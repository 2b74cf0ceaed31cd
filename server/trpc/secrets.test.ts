import { describe, expect, it } from 'vitest';
import {
  inputWithoutSecrets,
  looksSecret,
  MASK,
  maskSecretShapes,
  storableResult,
  WITHHELD_MESSAGE,
  withheldOf,
  withheldResult,
} from './secrets';

const KEY = 'tg_key_9yQd3Jc1t1aXbV6Hk2ZpLw8mN0rS4uE7fG5hI3jK1lM';
const CODE = 'tgi_Qm3s8Yd2Lw9Xc1Vb7Nf4Gh6Jk0Pz5Rt2Ua8Sd1Fe3';

describe('withheldResult', () => {
  it('nulls each declared secret and says which, leaving the rest whole', () => {
    const result = { apiKey: { id: 'apk_1', name: 'CI', prefix: KEY.slice(0, 12) }, key: KEY };
    const kept = withheldResult(result, { result: ['key'] });
    expect(kept).toEqual({
      apiKey: result.apiKey,
      key: null,
      withheld: { paths: ['key'], message: WITHHELD_MESSAGE },
    });
    expect(result.key).toBe(KEY);
    expect(withheldOf(kept)).toEqual({ paths: ['key'], message: WITHHELD_MESSAGE });
  });

  it('follows dotted paths and leaves a result without the secret as it was', () => {
    expect(withheldResult({ a: { b: 's3cret' } }, { result: ['a.b'] })).toMatchObject({ a: { b: null } });
    expect(withheldResult({ a: 1 }, { result: ['key'] })).toEqual({ a: 1 });
    expect(withheldResult(null, { result: ['key'] })).toBeNull();
    expect(withheldResult({ key: KEY }, {})).toEqual({ key: KEY });
    expect(withheldOf({ key: KEY })).toBeNull();
  });
});

describe('inputWithoutSecrets', () => {
  it('drops a secret input and keeps the rest', () => {
    expect(inputWithoutSecrets({ secret: 'whsec_abc', note: 'x' }, { input: ['secret'] })).toEqual({
      secret: null,
      note: 'x',
    });
    expect(inputWithoutSecrets(undefined, { input: ['secret'] })).toBeUndefined();
  });
});

/** A string of a Stripe key's shape that is no key at all. */
const fakeStripeKey = (kind: string, mode: string) => [kind, mode, 'NOTAKEY0000example'].join('_');

describe('maskSecretShapes', () => {
  it('masks keys, invitation codes, Stripe keys and signing secrets, not a key’s shown prefix', () => {
    const text = JSON.stringify({
      key: KEY,
      token: CODE,
      // Stripe-shaped, built at run time so no key-like literal sits in the source.
      stripe: fakeStripeKey('sk', 'test'),
      restricted: fakeStripeKey('rk', 'live'),
      signing: 'whsec_1234567890abcdefABCDEF',
      prefix: KEY.slice(0, 12),
    });
    const masked = maskSecretShapes(text);
    for (const secret of [KEY, CODE, 'sk_test_', 'rk_live_', 'whsec_']) expect(masked).not.toContain(secret);
    expect(masked).toContain(KEY.slice(0, 12));
    expect(JSON.parse(masked)).toMatchObject({ key: MASK, token: MASK });
    expect(looksSecret(text)).toBe(true);
    expect(looksSecret(masked)).toBe(false);
  });

  it('is the backstop of storableResult: a secret nobody declared is masked all the same', () => {
    const stored = storableResult({ note: `made ${KEY}` }, {});
    expect(stored).not.toContain(KEY);
    expect(storableResult({ key: KEY }, { result: ['key'] })).not.toContain(KEY);
    expect(storableResult(undefined, {})).toBe('null');
  });
});
