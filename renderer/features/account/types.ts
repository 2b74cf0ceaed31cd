import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

type Outputs = inferRouterOutputs<AppRouter>;

export type AccountOverviewData = Outputs['account']['overview'];
export type AccountLicenseSummary = Outputs['accountLicenses']['list'][number];
export type AccountLicenseDetail = Outputs['accountLicenses']['get'];
