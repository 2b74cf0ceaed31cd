import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Request rates of the REST API, per API key and per client address, with
 * rate-limiter-flexible's BurstyRateLimiter: a steady allowance per second, and beside it a
 * burst allowance over ten seconds that a client may draw on when a second's allowance is
 * spent — the behaviour of a token bucket (a sustained rate with room for bursts), made of
 * the library's two fixed windows. In memory, per process: a restart forgets them, and N instances allow N times the rates
 * unless TOLLGATE_REST_INSTANCES divides them (limits-env.ts; decision 111).
 */

export interface Rate {
  /** Requests per second, sustained. */
  perSecond: number;
  /** Extra requests over any ten seconds once a second's allowance is spent. */
  burst: number;
}

export interface RestLimits {
  perKey: Rate;
  perAddress: Rate;
  /** Largest request body, in bytes. */
  bodyBytes: number;
}

/**
 * An app checks entitlements on every request it serves, so a key's allowance is generous;
 * an address's is higher (several keys may sit behind one proxy) and stops a flood of
 * unauthenticated guesses before any key is looked up.
 */
export const DEFAULT_REST_LIMITS: RestLimits = {
  perKey: { perSecond: 1000, burst: 2000 },
  perAddress: { perSecond: 2000, burst: 4000 },
  bodyBytes: 1_000_000,
};

export interface RateVerdict {
  allowed: boolean;
  headers: Record<string, string>;
}

const BURST_WINDOW_S = 10;

export class RateGate {
  private readonly limiter: BurstyRateLimiter;

  constructor(
    private readonly rate: Rate,
    name: string,
  ) {
    this.limiter = new BurstyRateLimiter(
      new RateLimiterMemory({ keyPrefix: `${name}-steady`, points: rate.perSecond, duration: 1 }),
      new RateLimiterMemory({ keyPrefix: `${name}-burst`, points: rate.burst, duration: BURST_WINDOW_S }),
    );
  }

  /** Counts one request of `key`; refused ones carry Retry-After. */
  async take(key: string): Promise<RateVerdict> {
    try {
      return { allowed: true, headers: this.headers(await this.limiter.consume(key)) };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const headers = this.headers(refusal);
      return { allowed: false, headers: { ...headers, 'retry-after': headers['ratelimit-reset'] as string } };
    }
  }

  private headers(res: RateLimiterRes): Record<string, string> {
    return {
      'ratelimit-limit': String(this.rate.perSecond),
      'ratelimit-remaining': String(Math.max(0, res.remainingPoints)),
      'ratelimit-reset': String(Math.max(1, Math.ceil(res.msBeforeNext / 1000))),
    };
  }
}
