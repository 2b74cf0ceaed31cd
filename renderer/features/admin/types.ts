import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

type Outputs = inferRouterOutputs<AppRouter>['admin'];
export type TenantRow = inferRouterOutputs<AppRouter>['tenants']['list'][number];
export type MemberRow = Outputs['members']['list'][number];
export type InvitationRow = Outputs['invitations']['list'][number];
export type ApiKeyRow = Outputs['apiKeys']['list'][number];
export type RolesInfo = Outputs['roles'];
