import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

export type TestClockRow = inferRouterOutputs<AppRouter>['testClocks']['list'][number];

/** What advancing needs to know of a clock. */
export interface ClockRef {
  id: string;
  name: string;
  now: number;
}

/** A suggested target ("+1 week", "Past the next renewal"). */
export interface AdvancePreset {
  label: string;
  to: number;
}
