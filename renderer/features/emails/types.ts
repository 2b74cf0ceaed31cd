import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

type Outputs = inferRouterOutputs<AppRouter>['emails'];
export type EmailRow = Outputs['list']['items'][number];
export type EmailDetail = Outputs['get'];
export type EmailSettings = Outputs['settings'];
