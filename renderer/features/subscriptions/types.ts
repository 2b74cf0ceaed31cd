import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

type Outputs = inferRouterOutputs<AppRouter>;

export type SubscriptionRow = Outputs['subscriptions']['list']['items'][number];
export type SubscriptionDetail = Outputs['subscriptions']['get'];
export type Subscription = SubscriptionDetail['subscription'];
export type SubscriptionEvent = SubscriptionDetail['events'][number];
export type StaffAction = SubscriptionDetail['actions'][number];
export type PlanChangePreview = Outputs['subscriptions']['previewChange'];
export type CatalogOverview = Outputs['catalog']['overview'];
export type PlanChangeResult = Outputs['subscriptions']['changePlan'];
