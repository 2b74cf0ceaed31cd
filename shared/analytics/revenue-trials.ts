/**
 * Trial conversion (docs/analytics.md, "Revenue reports"): of the trials that ended in a month, how many
 * went on to pay. Pending trials (the first charge still being collected) are not decided
 * yet, so the rate counts only decided ones — as the Recovery page's rate counts only
 * finished cases — and is null, not 0 %, when none is decided.
 */

export type TrialOutcome = 'converted' | 'pending' | 'not_converted';

export interface TrialCounts {
  ended: number;
  converted: number;
  pending: number;
  notConverted: number;
  rate: number | null;
}

export function trialRate(counts: { converted: number; notConverted: number }): number | null {
  const decided = counts.converted + counts.notConverted;
  return decided > 0 ? counts.converted / decided : null;
}

function countsOf(outcomes: readonly TrialOutcome[]): TrialCounts {
  const converted = outcomes.filter((o) => o === 'converted').length;
  const pending = outcomes.filter((o) => o === 'pending').length;
  const notConverted = outcomes.length - converted - pending;
  return {
    ended: outcomes.length,
    converted,
    pending,
    notConverted,
    rate: trialRate({ converted, notConverted }),
  };
}

/** Counts per month (every month of the range) and over the whole range. */
export function summarizeTrials(
  trials: readonly { month: string; outcome: TrialOutcome }[],
  months: readonly string[],
): { months: ({ month: string } & TrialCounts)[]; total: TrialCounts } {
  return {
    months: months.map((month) => ({
      month,
      ...countsOf(trials.filter((t) => t.month === month).map((t) => t.outcome)),
    })),
    total: countsOf(trials.map((t) => t.outcome)),
  };
}
