import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

type Outputs = inferRouterOutputs<AppRouter>['audit'];
/** An entry, with what people call its object (an invoice's number, a customer's name) when known. */
export type AuditRow = Outputs['list']['items'][number] & { entityLabel: string | null };
export type ChainReport = Outputs['verify'];
