import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

type Outputs = inferRouterOutputs<AppRouter>;

export type Overview = Outputs['analytics']['overview'];
export type OverviewMonthRow = Overview['months'][number];
export type Figures = NonNullable<Overview['headline']['current']>;
export type CohortRow = Overview['cohorts'][number];
export type MovementRow = Outputs['analytics']['movements']['items'][number];
export type SegmentValues = Outputs['analytics']['segments'];
