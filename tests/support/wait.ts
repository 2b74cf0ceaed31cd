import { SIGNAL_BUDGET_MS } from './budgets';

/** How long to pause between two looks at something that has no event to wait on. */
const LOOK_AGAIN_MS = 100;

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * Resolves as `signal` does, or rejects once `budgetMs` has passed, saying what was awaited.
 * The budget bounds a wait for a signal; it is never a guess of how long the work takes.
 */
export function withinBudget<T>(signal: Promise<T>, budgetMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`waited ${seconds(budgetMs)} for ${what}, in vain`)),
      Math.max(0, budgetMs),
    );
  });
  return Promise.race([signal, expired]).finally(() => clearTimeout(timer));
}

/**
 * Looks at `probe` until it returns something other than `undefined`/`false` and resolves
 * with that; for state that announces no event (a row written by another process, a port
 * that stops answering). A probe that throws ends the wait with its error.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  budgetMs: number = SIGNAL_BUDGET_MS,
): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    const seen = await probe();
    if (seen !== undefined && seen !== false) return seen;
    if (Date.now() > deadline) throw new Error(`waited ${seconds(budgetMs)} for ${what}, in vain`);
    await new Promise((resolve) => setTimeout(resolve, LOOK_AGAIN_MS));
  }
}
