import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/api/router';

type Outputs = inferRouterOutputs<AppRouter>['audit'];
export type AuditRow = Outputs['list']['items'][number];
export type ChainReport = Outputs['verify'];
