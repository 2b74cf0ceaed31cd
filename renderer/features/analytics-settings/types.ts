import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

type Outputs = inferRouterOutputs<AppRouter>['analyticsSettings'];
export type AnalyticsSettingsView = Outputs['get'];
export type RebuildView = Outputs['rebuildStatus'];
export type FxRateView = Outputs['fxRates'][number];
