import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

type Outputs = inferRouterOutputs<AppRouter>['branding'];
export type BrandingView = Outputs['get'];
export type BrandingVersionRow = Outputs['versions'][number];
export type BrandingContent = BrandingView['editing'];
