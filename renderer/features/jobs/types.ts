import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

export type JobsOverview = inferRouterOutputs<AppRouter>['jobs']['list'];
export type JobView = JobsOverview['jobs'][number];
