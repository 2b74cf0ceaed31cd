/**
 * What the Recovery page's figures count, defined once for the server and the console.
 *
 * An attempt is one charge of the invoice, the first (failed) charge included: attempt 1 is
 * the charge that failed, attempt 2 the first retry (or the charge a new card made), and so on.
 * A case is finished once it is recovered or lost; lost means recovery gave up (the final
 * action) or staff closed it (void, uncollectible). Cases still retrying, waiting for a card
 * or paused are not finished, so they count in neither side of the rate.
 */

/** Charge attempts an invoice in recovery has had, the one that paid it included. */
export function chargeAttemptsMade(recovery: { failedAttempts: number; recoveredAttempt: number | null }) {
  return Math.max(recovery.failedAttempts, recovery.recoveredAttempt ?? 0);
}

/**
 * The recovery rate by amount over finished cases: recovered / (recovered + lost), or null when
 * no case has finished. Amounts are minor units of one currency.
 */
export function recoveryRate(finished: { recoveredAmount: number; lostAmount: number }): number | null {
  const { recoveredAmount, lostAmount } = finished;
  if (recoveredAmount < 0 || lostAmount < 0) throw new RangeError('recovery amounts cannot be negative');
  const whole = recoveredAmount + lostAmount;
  return whole > 0 ? recoveredAmount / whole : null;
}
