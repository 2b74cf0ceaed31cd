import { foundation } from './0001_foundation';
import { billing } from './0002_billing';
import { recovery } from './0003_recovery';
import { notifications } from './0004_notifications';
import { stripeEvents } from './0005_stripe_events';
import { stripeMirror } from './0006_stripe_mirror';
import { disputes } from './0007_disputes';
import { auditChain } from './0008_audit_chain';
import { accounts } from './0009_accounts';
import { sync } from './0010_sync';
import { refundViews } from './0011_refund_views';
import { search } from './0012_search';
import { apiKeyScopes } from './0013_api_key_scopes';
import { restIdempotency } from './0014_rest_idempotency';
import { webhooks } from './0015_webhooks';
import { staffNotices } from './0016_staff_notices';
import { webhookSecretOverlap } from './0017_webhook_secret_overlap';
import { offlineFirst } from './0018_offline_first';
import { syncPullIndexes } from './0019_sync_pull_indexes';
import { sharedThrottle } from './0020_shared_throttle';
import { customerEmailPrefix } from './0021_customer_email_prefix';
import { backups } from './0022_backups';
import { jobLeaseHolder } from './0023_job_lease_holder';
import { listIndexesCarryCustomer } from './0024_list_indexes_carry_customer';
import { analytics } from './0025_analytics';
import { emailAttachments } from './0026_email_attachments';
import { exportsTable } from './0027_exports';
import { overviewRollups } from './0028_overview_rollups';
import { accountAdmins } from './0029_account_admins';
import { emailSecrets } from './0030_email_secrets';
import { licensing } from './0031_licensing';
import { branding } from './0032_branding';
import { movementSegments } from './0033_movement_segments';
import { movementsBySubscription } from './0034_movements_by_subscription';
import { validationRepeats } from './0035_validation_repeats';

import type { Migration } from './types';

/** Every migration, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  foundation,
  billing,
  recovery,
  notifications,
  stripeEvents,
  stripeMirror,
  disputes,
  auditChain,
  accounts,
  sync,
  refundViews,
  search,
  apiKeyScopes,
  restIdempotency,
  webhooks,
  staffNotices,
  webhookSecretOverlap,
  offlineFirst,
  syncPullIndexes,
  sharedThrottle,
  customerEmailPrefix,
  backups,
  jobLeaseHolder,
  listIndexesCarryCustomer,
  analytics,
  emailAttachments,
  exportsTable,
  overviewRollups,
  accountAdmins,
  emailSecrets,
  licensing,
  branding,
  movementSegments,
  movementsBySubscription,
  validationRepeats,
];
