import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { foldCase } from '../../shared/case-fold';
import { addressKey } from './address-key';
import { HashingBusy, hashingFor } from './hashing-gate';
import { RetryLater } from './retry-later';
import { memoryThrottle, type ThrottleStore, type Window } from './sign-in-store';

/**
 * Throttles password checks by who sends them, not by whose account they name, so an
 * attacker slows themselves without locking the owner out (decision: "Sign-in throttling
 * replaces lockout"). Every attempt is counted before the password is checked, so a
 * parallel burst cannot slip under a limit while scrypt runs; a right password gives its
 * points back. The counts live in the store the server's database calls for (sign-in-store.ts):
 * in memory on SQLite, where a restart forgets them (costing an attacker only the restart they
 * cannot cause); in the database on PostgreSQL, shared by every instance behind the balancer,
 * so adding instances adds no guesses. Only the in-flight bound stays per instance: it guards
 * this process's hashing queue.
 *
 * - per address and account: a few guesses, then that pair waits out the window;
 * - per address: a looser bound over all accounts (password spraying);
 * - per account, from anywhere: past a looser bound, the account is checked at most once
 *   per `slowLaneS`, from any address: a distributed guesser is slowed to a crawl while
 *   the owner, from any address, still gets in within a few seconds;
 * - in flight per address: one address cannot fill the hashing queue.
 *
 * Accounts are keyed by the email as typed (folded), whether or not it exists, so unknown
 * and known emails are throttled alike.
 */

export type { Window } from './sign-in-store';

export interface SignInLimits {
  inFlightPerAddress: number;
  perAddressAndAccount: Window;
  perAddress: Window;
  perAccount: Window;
  slowLaneS: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  inFlightPerAddress: 2,
  perAddressAndAccount: { points: 5, durationS: 15 * 60 },
  perAddress: { points: 30, durationS: 15 * 60 },
  perAccount: { points: 30, durationS: 15 * 60 },
  slowLaneS: 5,
};

/** An email as a limiter key: the same for every spelling of the same address, and bounded. */
export function accountKey(email: string): string {
  return foldCase(email.trim()).slice(0, 320);
}

/** Which bound turned a sender away. */
export type ThrottledBy = 'address-and-account' | 'address' | 'account';

/** Told once per window when a bound is first crossed (for the log), never per refused request. */
export type OnThrottle = (event: { by: ThrottledBy; address: string }) => void;

interface Taken {
  limiter: RateLimiterAbstract;
  key: string;
}

export class SignInGuard {
  private readonly pair: RateLimiterAbstract;
  private readonly address: RateLimiterAbstract;
  private readonly account: RateLimiterAbstract;
  private readonly slowLane: RateLimiterAbstract;
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
    private readonly onThrottle: OnThrottle = () => {},
    private readonly store: ThrottleStore = memoryThrottle(),
  ) {
    // Distinct prefixes: on PostgreSQL the four share one table.
    this.pair = store.limiter('sign-in-pair', limits.perAddressAndAccount);
    this.address = store.limiter('sign-in-address', limits.perAddress);
    this.account = store.limiter('sign-in-account', limits.perAccount);
    this.slowLane = store.limiter('sign-in-slow-lane', { points: 1, durationS: limits.slowLaneS });
  }

  /** Stops the store's housekeeping (the server is closing). */
  close(): void {
    this.store.close();
  }

  /**
   * Runs `check` (which throws on a wrong password) if the sender may try now, else
   * throws RetryLater naming the wait. Throttled attempts never reach `check`.
   */
  async run<T>(who: { address: string | null; email: string }, check: () => Promise<T>): Promise<T> {
    const address = addressKey(who.address);
    const account = accountKey(who.email);
    const inFlight = this.inFlight.get(address) ?? 0;
    if (inFlight >= this.limits.inFlightPerAddress) throw new RetryLater(1000);
    this.inFlight.set(address, inFlight + 1);
    try {
      const taken = await this.take(address, account);
      try {
        const result = await hashingFor(address, check);
        await this.pair.delete(`${address}|${account}`);
        await Promise.all(taken.filter((t) => t.limiter !== this.pair).map((t) => t.limiter.reward(t.key)));
        return result;
      } catch (error) {
        // Nothing was checked when the hashing queue was full: the attempt does not count.
        if (error instanceof HashingBusy) await Promise.all(taken.map((t) => t.limiter.reward(t.key)));
        throw error;
      }
    } finally {
      const left = (this.inFlight.get(address) ?? 1) - 1;
      if (left > 0) this.inFlight.set(address, left);
      else this.inFlight.delete(address);
    }
  }

  /** Takes a point from each limit in turn; on the first refusal gives back the points taken. */
  private async take(address: string, account: string): Promise<Taken[]> {
    const taken: Taken[] = [];
    const attempt = async (limit: RateLimiterAbstract, key: string, by: ThrottledBy | null) => {
      try {
        await limit.consume(key);
        taken.push({ limiter: limit, key });
        return null;
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        if (by && refusal.consumedPoints === limit.points + 1) this.onThrottle({ by, address });
        return refusal.msBeforeNext;
      }
    };
    const refuse = async (waitMs: number): Promise<never> => {
      await Promise.all(taken.map((t) => t.limiter.reward(t.key)));
      throw new RetryLater(waitMs);
    };
    const pairWait = await attempt(this.pair, `${address}|${account}`, 'address-and-account');
    if (pairWait !== null) return refuse(pairWait);
    const addressWait = await attempt(this.address, address, 'address');
    if (addressWait !== null) return refuse(addressWait);
    if ((await attempt(this.account, account, 'account')) !== null) {
      // Past the account's bound: one attempt per slow-lane interval, from whoever asks first.
      const wait = await attempt(this.slowLane, account, null);
      if (wait !== null) return refuse(wait);
    }
    return taken;
  }
}
