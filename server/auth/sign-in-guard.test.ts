import { describe, expect, it } from 'vitest';
import { DomainError } from '../lib/errors';
import { HashingBusy } from './hashing-gate';
import { RetryLater } from './retry-later';
import { accountKey, DEFAULT_SIGN_IN_LIMITS, SignInGuard } from './sign-in-guard';

const wrong = () => Promise.reject(new DomainError('UNAUTHENTICATED', 'Email or password is wrong'));
const right = () => Promise.resolve('signed in');

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof RetryLater ? `wait ${error.retryAfterS}` : (error as DomainError).code;
  }
}

const limits = {
  ...DEFAULT_SIGN_IN_LIMITS,
  perAddressAndAccount: { points: 2, durationS: 60 },
  perAddress: { points: 4, durationS: 60 },
};

describe('the sign-in guard', () => {
  it('bounds one address’s guesses at one account, then another account, then all', async () => {
    const guard = new SignInGuard(limits);
    const at = (email: string) => outcome(guard.run({ address: '203.0.113.1', email }, wrong));
    expect([await at('a@x.test'), await at('a@x.test'), await at('a@x.test')]).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'wait 60',
    ]);
    // Spraying other accounts from the same address meets the address's own bound.
    expect([await at('b@x.test'), await at('c@x.test'), await at('d@x.test')]).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'wait 60',
    ]);
    // Another address is untouched.
    expect(await outcome(guard.run({ address: '198.51.100.1', email: 'a@x.test' }, right))).toBe('ok');
  });

  it('reports a bound once when first crossed, not once per refused request', async () => {
    const events: unknown[] = [];
    const guard = new SignInGuard(limits, (event) => events.push(event));
    for (let i = 0; i < 6; i++)
      await outcome(guard.run({ address: '203.0.113.1', email: 'a@x.test' }, wrong));
    expect(events).toEqual([{ by: 'address-and-account', address: '203.0.113.1' }]);
  });

  it('counts every spelling of an email as one account', async () => {
    const guard = new SignInGuard(limits);
    expect(accountKey('  Ada@Example.TEST ')).toBe('ada@example.test');
    const at = (email: string) => outcome(guard.run({ address: '203.0.113.1', email }, wrong));
    await at('Ada@x.test');
    await at('ada@X.TEST');
    expect(await at(' ADA@x.test')).toBe('wait 60');
  });

  it('lets one address have only a couple of attempts in flight', async () => {
    const guard = new SignInGuard(limits);
    let release = () => {};
    const held = new Promise<string>((resolve) => (release = () => resolve('done')));
    const first = guard.run({ address: '203.0.113.1', email: 'a@x.test' }, () => held);
    const second = guard.run({ address: '203.0.113.1', email: 'b@x.test' }, () => held);
    expect(await outcome(guard.run({ address: '203.0.113.1', email: 'c@x.test' }, right))).toBe('wait 1');
    release();
    await Promise.all([first, second]);
    expect(await outcome(guard.run({ address: '203.0.113.1', email: 'c@x.test' }, right))).toBe('ok');
  });

  it('does not count an attempt refused because the hashing queue was full', async () => {
    const guard = new SignInGuard(limits);
    const busy = () => Promise.reject(new HashingBusy());
    for (let i = 0; i < 5; i++) {
      expect(await outcome(guard.run({ address: '203.0.113.1', email: 'a@x.test' }, busy))).toBe('wait 2');
    }
    expect(await outcome(guard.run({ address: '203.0.113.1', email: 'a@x.test' }, right))).toBe('ok');
  });

  it('counts an unknown sender (no address) as one sender', async () => {
    const guard = new SignInGuard(limits);
    const at = () => outcome(guard.run({ address: null, email: 'a@x.test' }, wrong));
    expect([await at(), await at(), await at()]).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'wait 60']);
  });
});
