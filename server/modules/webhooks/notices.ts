import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { workspaceAdmins } from '../admin';
import { queueStaffNotice } from '../emails';

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

/**
 * The notices as emails to the workspace's admins, through the emails module's outbox
 * (its SMTP settings, retries and holds apply; the console's Emails page lists them).
 */
export const emailedNotices: EndpointNotices = {
  async endpointDisabled(trx, notice) {
    await queueStaffNotice(
      trx,
      {
        tenantId: notice.tenantId,
        noticeId: `webhook_disabled:${notice.endpointId}:${notice.now}`,
        recipients: await workspaceAdmins(trx, notice.tenantId),
        draftFor: (recipient) => ({
          template: 'webhook_endpoint_disabled',
          facts: {
            recipientName: recipient.name,
            url: notice.url,
            failingSince: notice.failingSince,
            disabledAt: notice.now,
          },
        }),
      },
      notice.now,
    );
  },
};
