import { describe, expect, it } from 'vitest';
import { DEFAULT_REST_LIMITS } from './limits';
import { restLimitsFromEnv } from './limits-env';

function problemsOf(env: Record<string, string>): string {
  try {
    restLimitsFromEnv(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the limits to be refused');
}

describe('REST limits from the environment', () => {
  it('keeps the defaults when nothing is set, or a variable is empty', () => {
    expect(restLimitsFromEnv({})).toEqual(DEFAULT_REST_LIMITS);
    expect(restLimitsFromEnv({ TOLLGATE_REST_KEY_RATE: '  ', TOLLGATE_REST_BODY_LIMIT: '' })).toEqual(
      DEFAULT_REST_LIMITS,
    );
  });

  it('reads each rate, burst and the body limit', () => {
    expect(
      restLimitsFromEnv({
        TOLLGATE_REST_KEY_RATE: '50',
        TOLLGATE_REST_KEY_BURST: '0',
        TOLLGATE_REST_ADDRESS_RATE: ' 400 ',
        TOLLGATE_REST_ADDRESS_BURST: '800',
        TOLLGATE_REST_BODY_LIMIT: '65536',
      }),
    ).toEqual({
      perKey: { perSecond: 50, burst: 0 },
      perAddress: { perSecond: 400, burst: 800 },
      bodyBytes: 65_536,
    });
  });

  it('changes only what is set, and never the defaults themselves', () => {
    const limits = restLimitsFromEnv({ TOLLGATE_REST_KEY_BURST: '10' });
    expect(limits.perKey).toEqual({ perSecond: DEFAULT_REST_LIMITS.perKey.perSecond, burst: 10 });
    expect(limits.perAddress).toEqual(DEFAULT_REST_LIMITS.perAddress);
    expect(DEFAULT_REST_LIMITS.perKey.burst).toBe(2000);
  });

  it('reports every bad value at once, naming the variable, the range and what it got', () => {
    const message = problemsOf({
      TOLLGATE_REST_KEY_RATE: '0',
      TOLLGATE_REST_KEY_BURST: '-5',
      TOLLGATE_REST_ADDRESS_RATE: '1e3',
      TOLLGATE_REST_ADDRESS_BURST: '12.5',
      TOLLGATE_REST_BODY_LIMIT: '1mb',
    });
    expect(message).toContain(
      'TOLLGATE_REST_KEY_RATE must be a whole number of requests per second from 1 to 1,000,000,000, got "0"',
    );
    expect(message).toContain('TOLLGATE_REST_KEY_BURST must be a whole number of requests from 0 to');
    expect(message).toContain('got "-5"');
    expect(message).toContain('TOLLGATE_REST_ADDRESS_RATE must be a whole number');
    expect(message).toContain('got "1e3"');
    expect(message).toContain('got "12.5"');
    expect(message).toContain(
      'TOLLGATE_REST_BODY_LIMIT must be a whole number of bytes from 1,024 to 104,857,600, got "1mb"',
    );
  });

  it('refuses numbers past the range, however they are written', () => {
    expect(problemsOf({ TOLLGATE_REST_BODY_LIMIT: '1023' })).toContain('got "1023"');
    expect(problemsOf({ TOLLGATE_REST_BODY_LIMIT: '104857601' })).toContain('TOLLGATE_REST_BODY_LIMIT');
    expect(problemsOf({ TOLLGATE_REST_KEY_RATE: '9007199254740993' })).toContain('TOLLGATE_REST_KEY_RATE');
    expect(problemsOf({ TOLLGATE_REST_ADDRESS_RATE: '0x10' })).toContain('TOLLGATE_REST_ADDRESS_RATE');
  });

  it('divides every rate and burst among the instances that share them, never the body limit', () => {
    const limits = restLimitsFromEnv({
      TOLLGATE_REST_INSTANCES: '3',
      TOLLGATE_REST_KEY_RATE: '100',
      TOLLGATE_REST_KEY_BURST: '1',
      TOLLGATE_REST_ADDRESS_RATE: '2',
    });
    // Rounded down, so three instances together never allow more than the settings say…
    expect(limits.perKey).toEqual({ perSecond: 33, burst: 0 });
    // …but a rate never below one request per second per instance.
    expect(limits.perAddress).toEqual({
      perSecond: 1,
      burst: Math.floor(DEFAULT_REST_LIMITS.perAddress.burst / 3),
    });
    expect(limits.bodyBytes).toBe(DEFAULT_REST_LIMITS.bodyBytes);
    expect(restLimitsFromEnv({ TOLLGATE_REST_INSTANCES: '1' })).toEqual(DEFAULT_REST_LIMITS);
    expect(restLimitsFromEnv({ TOLLGATE_REST_INSTANCES: ' ' })).toEqual(DEFAULT_REST_LIMITS);
  });

  it('refuses an instance count that is not a whole number from 1, beside the other problems', () => {
    const message = problemsOf({ TOLLGATE_REST_INSTANCES: '0', TOLLGATE_REST_KEY_RATE: 'x' });
    expect(message).toContain(
      'TOLLGATE_REST_INSTANCES must be a whole number of instances from 1 to 1,000, got "0"',
    );
    expect(message).toContain('TOLLGATE_REST_KEY_RATE');
    expect(problemsOf({ TOLLGATE_REST_INSTANCES: '2.5' })).toContain('got "2.5"');
  });
});
