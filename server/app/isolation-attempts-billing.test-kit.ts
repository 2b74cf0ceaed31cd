import { seenByClient } from '../testing/errors.test-kit';
import type { Attempts } from './isolation-attempts-types.test-kit';

/**
 * Billing: customers, catalog, entitlements, subscriptions, invoices, payments, cards, test
 * clocks, recovery, emails and Stripe.
 * Part of the isolation walk's attempts (isolation-attempts.test-kit.ts).
 */
export const BILLING_ATTEMPTS: Attempts = {
  'customers.list': (a) => a.customers.list({ status: 'all', search: 'Bertha' }),
  'customers.get': (a, f) => a.customers.get({ id: f.bCustomerId }),
  'timeline.customer': (a, f) => a.timeline.customer({ customerId: f.bCustomerId }),
  'labels.resolve': (a, f) =>
    a.labels.resolve({
      refs: [
        { type: 'customer', id: f.bCustomerId },
        { type: 'invoice', id: f.bInvoiceId },
        { type: 'subscription', id: f.bSubscriptionId },
        { type: 'payment', id: f.bPaymentId },
        { type: 'payment_method', id: f.bPaymentMethodId },
        { type: 'plan', id: f.bPlanId },
        { type: 'price', id: f.bPriceId },
      ],
    }),
  'customers.create': (a) =>
    a.customers.create({ name: 'Intruder', email: 'intruder@example.com', country: 'US' }),
  'customers.update': (a, f) =>
    a.customers.update({
      id: f.bCustomerId,
      expectedVersion: f.bCustomerVersion,
      patch: { name: 'Hijacked' },
    }),
  'customers.archive': (a, f) => a.customers.archive({ id: f.bCustomerId }),
  'customers.unarchive': (a, f) => a.customers.unarchive({ id: f.bCustomerId }),
  'catalog.overview': (a) => a.catalog.overview({ includeArchived: true }),
  'catalog.createFeature': (a) =>
    a.catalog.createFeature({ key: 'courses.max', name: 'Intruder', kind: 'flag' }),
  'catalog.createProduct': (a) => a.catalog.createProduct({ name: 'Intruder Academy' }),
  'catalog.updateProduct': (a, f) =>
    a.catalog.updateProduct({ id: f.bProductId, patch: { name: 'Hijacked' } }),
  'catalog.archiveProduct': (a, f) => a.catalog.archiveProduct({ id: f.bProductId }),
  'catalog.createPlan': (a, f) => a.catalog.createPlan({ productId: f.bProductId, name: 'Hijack' }),
  'catalog.updatePlan': (a, f) =>
    a.catalog.updatePlan({ id: f.bPlanId, expectedVersion: f.bPlanVersion, patch: { name: 'Hijacked' } }),
  'catalog.archivePlan': (a, f) => a.catalog.archivePlan({ id: f.bPlanId }),
  'catalog.setDefaultPlan': (a, f) => a.catalog.setDefaultPlan({ id: f.bPlanId }),
  'catalog.createPrice': (a, f) =>
    a.catalog.createPrice({ planId: f.bPlanId, amount: 1, currency: 'USD', interval: 'month' }),
  'catalog.archivePrice': (a, f) => a.catalog.archivePrice({ id: f.bPriceId }),
  'entitlements.forCustomer': (a, f) => a.entitlements.forCustomer({ customerId: f.bCustomerId }),
  'entitlements.check': (a, f) =>
    a.entitlements.check({ customerId: f.bCustomerId, featureKey: 'courses.max' }),
  'billing.gateway': (a) => a.billing.gateway(),
  'billing.customer': (a, f) => a.billing.customer({ customerId: f.bCustomerId }),
  'subscriptions.list': (a) => a.subscriptions.list({ search: 'Bertha' }),
  'subscriptions.get': (a, f) => a.subscriptions.get({ id: f.bSubscriptionId }),
  'subscriptions.create': (a, f) =>
    a.subscriptions.create({ customerId: f.bCustomerId, priceId: f.bPriceId }),
  'subscriptions.previewChange': (a, f) =>
    a.subscriptions.previewChange({ id: f.bSubscriptionId, priceId: f.bPriceId, quantity: 2 }),
  'subscriptions.changePlan': (a, f) =>
    a.subscriptions.changePlan({
      id: f.bSubscriptionId,
      priceId: f.bPriceId,
      quantity: 2,
      expectedVersion: f.bSubscriptionVersion,
    }),
  'subscriptions.cancel': (a, f) => a.subscriptions.cancel({ id: f.bSubscriptionId, when: 'now' }),
  'subscriptions.undoCancel': (a, f) => a.subscriptions.undoCancel({ id: f.bSubscriptionId }),
  'subscriptions.pause': (a, f) => a.subscriptions.pause({ id: f.bSubscriptionId }),
  'subscriptions.resume': (a, f) => a.subscriptions.resume({ id: f.bSubscriptionId }),
  'invoices.list': (a) => a.invoices.list({ search: 'Bertha' }),
  'invoices.get': (a, f) => a.invoices.get({ id: f.bInvoiceId }),
  'receipts.get': (a, f) => a.receipts.get({ id: f.bInvoiceId, format: 'pdf' }),
  'invoices.createManual': (a, f) =>
    a.invoices.createManual({
      customerId: f.bCustomerId,
      currency: 'EUR',
      lines: [{ description: 'Hijack', unitAmount: 100 }],
    }),
  'invoices.pay': (a, f) => a.invoices.pay({ id: f.bInvoiceId }),
  'invoices.void': (a, f) => a.invoices.void({ id: f.bInvoiceId }),
  'invoices.markUncollectible': (a, f) => a.invoices.markUncollectible({ id: f.bInvoiceId }),
  'payments.list': (a) => a.payments.list({ search: 'Bertha' }),
  'payments.get': (a, f) => a.payments.get({ id: f.bPaymentId }),
  'payments.refund': (a, f) =>
    a.payments.refund({ paymentId: f.bPaymentId, reason: 'requested_by_customer' }),
  'paymentMethods.add': (a, f) =>
    a.paymentMethods.add({ customerId: f.bCustomerId, source: '4242424242424242' }),
  'paymentMethods.setDefault': (a, f) => a.paymentMethods.setDefault({ id: f.bPaymentMethodId }),
  'paymentMethods.remove': (a, f) => a.paymentMethods.remove({ id: f.bPaymentMethodId }),
  'testClocks.list': (a) => a.testClocks.list(),
  'testClocks.create': (a) => a.testClocks.create({ name: 'Intruder clock' }),
  'testClocks.attach': (a, f) => a.testClocks.attach({ id: f.bClockId, customerId: f.bCustomerId }),
  'testClocks.advance': (a, f) => a.testClocks.advance({ id: f.bClockId, to: Date.UTC(2027, 0, 1) }),
  'recovery.list': (a, f) => a.recovery.list({ customerId: f.bCustomerId }),
  'recovery.stats': (a) => a.recovery.stats({}),
  'recovery.policy': (a) => a.recovery.policy(),
  'recovery.updatePolicy': (a) =>
    a.recovery.updatePolicy({
      retryBaseHours: 6,
      backoffFactor: 1.5,
      maxAttempts: 3,
      graceDays: 5,
      finalAction: 'unpaid',
    }),
  'recovery.retryNow': (a, f) => a.recovery.retryNow({ invoiceId: f.bInvoiceId }),
  'recovery.pauseCustomer': (a, f) => a.recovery.pauseCustomer({ customerId: f.bCustomerId }),
  'recovery.resumeCustomer': (a, f) => a.recovery.resumeCustomer({ customerId: f.bCustomerId }),
  'recovery.markPaidOutOfBand': (a, f) => a.recovery.markPaidOutOfBand({ invoiceId: f.bInvoiceId }),
  'emails.list': (a) => a.emails.list({}),
  'emails.get': (a, f) => a.emails.get({ id: f.bEmailId }),
  'emails.resend': (a, f) => a.emails.resend({ id: f.bEmailId }),
  'emails.settings': (a) => a.emails.settings(),
  'emails.delivery': (a) => a.emails.delivery(),
  'emails.updateSettings': (a) =>
    a.emails.updateSettings({
      expectedVersion: 0,
      settings: {
        senderName: 'Intruder',
        fromAddress: '',
        replyTo: '',
        brandColor: '#000000',
        footerText: 'x',
      },
    }),
  'stripeEvents.list': (a) => a.stripeEvents.list({ type: 'customer.updated' }),
  'stripeEvents.get': (a, f) => a.stripeEvents.get({ id: f.bStripeEventId }),
  'stripeEvents.replay': (a, f) => a.stripeEvents.replay({ id: f.bStripeEventId }),
  'stripeEvents.endpoint': (a) => a.stripeEvents.endpoint(),
  'stripeEvents.setSecret': (a) => a.stripeEvents.setSecret({ secret: `whsec_${'A1b2'.repeat(8)}` }),
  // Takes no ids; in this sandbox world A has no Stripe account, so it is refused (INVALID_STATE) writing nothing.
  'stripeBilling.startImport': (a) =>
    a.stripeBilling.startImport({}).catch((error: unknown) => {
      if (seenByClient(error).data.domainCode === 'INVALID_STATE') return null;
      throw error;
    }),
  'stripeBilling.importProgress': (a) => a.stripeBilling.importProgress({}),
};
