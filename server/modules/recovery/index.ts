/**
 * Failed-payment recovery (dunning): retries on a schedule, grace periods, the final action,
 * pauses and staff actions. Built on billing, which reaches it only through the port below.
 */
import type { RecoveryPort } from '../billing';
import { afterPaymentFailure } from './after-failure';
import { recordInvoicePaid } from './after-payment';
import { recoveryOfInvoice, recoveryOfSubscription } from './queries';
import { retryRecoveriesOfCustomer } from './retry-customer';
import { closeRecoveryByStaff } from './staff-actions';

export { recoveryRouter } from './router';
export { recoveryJobHandlers } from './jobs';
export { retryRecoveriesOfCustomer } from './retry-customer';

/** Recovery as billing asks for it (connected in server/app/router.ts). */
export const recoveryForBilling: RecoveryPort = {
  afterPaymentFailure,
  afterInvoicePaid: recordInvoicePaid,
  afterInvoiceClosedByStaff: closeRecoveryByStaff,
  afterPaymentMethodAdded: async (deps, tenantId, customerId, options) => {
    await retryRecoveriesOfCustomer(deps, tenantId, customerId, options);
  },
  recoveryOfInvoice,
  recoveryOfSubscription,
};
/** The Recovery page's figures, for reports that show them elsewhere (revenue's recovery rate). */
export { recoveryStats } from './stats';
