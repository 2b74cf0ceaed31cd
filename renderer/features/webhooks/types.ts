import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

type Outputs = inferRouterOutputs<AppRouter>['webhooks'];
export type WebhookEventRow = Outputs['list']['items'][number];
export type WebhookEventDetail = Outputs['get'];
export type WebhookEndpoint = Outputs['endpoint'];
