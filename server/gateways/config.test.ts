import { describe, expect, it } from 'vitest';
import { gatewayConfigFromEnv } from './config';

const errorOf = (env: Record<string, string | undefined>): Error => {
  try {
    gatewayConfigFromEnv(env);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the configuration to be refused');
};

describe('gateway configuration from the environment', () => {
  it('is the sandbox when no key is set, or the key is empty', () => {
    expect(gatewayConfigFromEnv({}).stripeSecretKey).toBeUndefined();
    expect(gatewayConfigFromEnv({ STRIPE_SECRET_KEY: '  ' }).stripeSecretKey).toBeUndefined();
  });

  it('accepts test, live and restricted keys, trimming what a paste left around them', () => {
    // Built from parts so no live-looking key stands in the source for secret scanners to flag.
    const keys = ['sk', 'rk'].flatMap((kind) =>
      ['test', 'live'].map((mode) => [kind, mode, '51Habc'].join('_')),
    );
    for (const key of keys) {
      expect(gatewayConfigFromEnv({ STRIPE_SECRET_KEY: ` ${key}\n` }).stripeSecretKey).toBe(key);
    }
  });

  it('refuses anything else by naming the variable, never repeating the value', () => {
    for (const value of ['pk_test_51HpublishableKey', 'sk_test_ab-cd', 'whsec_abcdef', 'sk_test_abc def']) {
      const error = errorOf({ STRIPE_SECRET_KEY: value });
      expect(error.message).toContain('STRIPE_SECRET_KEY must be a Stripe secret or restricted key');
      expect(`${error.message} ${String(error)} ${error.stack} ${JSON.stringify(error)}`).not.toContain(
        value,
      );
    }
  });

  it('reads where to find a Stripe-compatible API, for tests against the fake', () => {
    expect(
      gatewayConfigFromEnv({
        STRIPE_SECRET_KEY: 'sk_test_x1',
        STRIPE_API_HOST: '127.0.0.1',
        STRIPE_API_PORT: '12111',
        STRIPE_API_PROTOCOL: 'http',
      }),
    ).toEqual({
      stripeSecretKey: 'sk_test_x1',
      stripeHost: '127.0.0.1',
      stripePort: 12111,
      stripeProtocol: 'http',
    });
  });

  it('refuses plain http to anything but this machine, since the key rides in every request', () => {
    expect(errorOf({ STRIPE_API_HOST: 'stripe.example.com', STRIPE_API_PROTOCOL: 'http' }).message).toContain(
      'STRIPE_API_PROTOCOL=http',
    );
    expect(errorOf({ STRIPE_API_PORT: '70000' }).message).toContain('STRIPE_API_PORT');
    expect(errorOf({ STRIPE_API_PROTOCOL: 'ftp' }).message).toContain(
      'STRIPE_API_PROTOCOL must be http or https',
    );
  });
});
