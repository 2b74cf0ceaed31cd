/** What other billing screens use from payments. */
export { PaymentStatusBadge } from './PaymentStatusBadge';
export { succeededInMonth } from './list-search';
