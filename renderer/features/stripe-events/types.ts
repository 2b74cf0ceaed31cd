import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

type Outputs = inferRouterOutputs<AppRouter>['stripeEvents'];
export type StripeEventRow = Outputs['list']['items'][number];
export type StripeEventDetail = Outputs['get'];
export type StripeEventsEndpoint = Outputs['endpoint'];
