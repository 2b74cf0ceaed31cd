import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

type Outputs = inferRouterOutputs<AppRouter>;

export type RecoveryRow = Outputs['recovery']['list']['items'][number];
export type RecoveryStats = Outputs['recovery']['stats'];
export type CurrencyTotals = RecoveryStats['totals'][number];
export type AttemptFigure = RecoveryStats['byAttempt'][number];
export type RecoveryStatus = RecoveryRow['status'];
export type RetryResult = Outputs['recovery']['retryNow'];

/** A failed invoice's recovery, as the subscription and invoice pages receive it. */
export type RecoveryState = NonNullable<Outputs['subscriptions']['get']['recovery']>;
