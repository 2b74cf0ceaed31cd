/** What other billing screens use from payments. */
export { brandName, cardText, methodText } from './card-text';
export { PaymentStatusBadge } from './PaymentStatusBadge';
