import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

export type BackupsOverview = inferRouterOutputs<AppRouter>['backups']['list'];
export type BackupView = BackupsOverview['backups'][number];
