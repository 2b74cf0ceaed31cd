import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

type Outputs = inferRouterOutputs<AppRouter>;

export type LicenseRow = Outputs['licenses']['list']['items'][number];
export type LicenseDetail = Outputs['licenses']['get'];
export type MetricUsage = Outputs['licenses']['usage'][number];
export type ValidationEntry = Outputs['licenses']['validations'][number];
export type PolicyRecord = Outputs['licensePolicies']['get'];
