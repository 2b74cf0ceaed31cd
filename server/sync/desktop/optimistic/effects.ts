import {
  archiveCustomerEffect,
  createCustomerEffect,
  unarchiveCustomerEffect,
  updateCustomerEffect,
} from './customers';
import { createManualInvoiceEffect, payInvoiceEffect } from './invoices';
import { refundPaymentEffect } from './refund';
import type { LocalEffects } from './types';

/**
 * Every command with an optimistic effect on a connected desktop's replica, by procedure path:
 * the server's likely outcome, shown at once while the command is queued (decision 102). Other
 * commands are queued with a label only (labels.ts) and show their outcome when it arrives.
 */
export const LOCAL_EFFECTS: LocalEffects = {
  'customers.create': createCustomerEffect,
  'customers.update': updateCustomerEffect,
  'customers.archive': archiveCustomerEffect,
  'customers.unarchive': unarchiveCustomerEffect,
  'payments.refund': refundPaymentEffect,
  'invoices.pay': payInvoiceEffect,
  'invoices.createManual': createManualInvoiceEffect,
};
