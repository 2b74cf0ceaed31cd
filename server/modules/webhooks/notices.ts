import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';

/** What the workspace is told when Tollgate turns off an endpoint that kept failing. */
export interface EndpointDisabledNotice {
  tenantId: string;
  endpointId: string;
  url: string;
  /** The first failed attempt of the run that ended in the disable. */
  failingSince: number;
  now: number;
}

/**
 * How the disable reaches the workspace's admins, written in the disable's own transaction
 * (the emails module queues it; webhooks never writes email tables).
 */
export interface EndpointNotices {
  endpointDisabled(trx: Transaction<DB>, notice: EndpointDisabledNotice): Promise<void>;
}
