import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';
import type { z } from 'zod';
import type { segmentInput } from '../../../shared/analytics/overview-schema';

type Outputs = inferRouterOutputs<AppRouter>;

export type RevenueByMonth = Outputs['revenue']['byMonth'];
export type TrialConversion = Outputs['revenue']['trialConversion'];
export type RecoveryRate = Outputs['revenue']['recoveryRate'];

/** The Overview's filters, which every revenue card takes as its props. */
export interface RevenueFilters {
  /** 'YYYY-MM', both included. */
  from: string;
  to: string;
  segment?: z.input<typeof segmentInput>;
}
