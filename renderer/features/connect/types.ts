import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

type Outputs = inferRouterOutputs<AppRouter>;
/**
 * The status, with what the offline-first desktop adds (`replicaVersion`, `refused`): optional
 * here until the desktop's procedures land on main.
 */
export type ConnectionStatus = Outputs['connection']['status'] & {
  replicaVersion?: number;
  refused?: number;
};
export type ConnectionState = ConnectionStatus['state'];
