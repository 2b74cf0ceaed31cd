/** What billing offers the gateway's event handlers (Stripe webhooks): each works inside the caller's transaction. */
export {
  findPaymentOfCharge,
  settleFromGateway,
  type GatewayPaymentRef,
  type GatewaySettlement,
} from './payments';
export { recordGatewayRefunds, type GatewayRefund } from './refunds';
export { disputesOfInvoice, recordDispute, type Dispute, type GatewayDispute } from './disputes';
export {
  findCardByGatewayRef,
  findCustomerOfGateway,
  mirrorAttachedCard,
  mirrorDefaultCard,
  mirrorDetachedCard,
} from './cards';
export {
  confirmStripeRequests,
  insertMirroredInvoice,
  replaceInvoiceLines,
  saveMirroredSubscription,
  updateMirroredInvoice,
} from './mirrored';
