import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

type Outputs = inferRouterOutputs<AppRouter>;
export type ConnectionStatus = Outputs['connection']['status'];
export type ConnectionState = ConnectionStatus['state'];
export type OutboxEntry = Outputs['connection']['outbox'][number];
