import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

export type PaymentRow = inferRouterOutputs<AppRouter>['payments']['list']['items'][number];
