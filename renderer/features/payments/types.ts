import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/api/router';

export type PaymentRow = inferRouterOutputs<AppRouter>['payments']['list']['items'][number];
