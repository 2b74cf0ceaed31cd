import { seenByClient } from '../testing/errors.test-kit';
import type { TestWorld } from '../testing/world.test-kit';

/**
 * What each procedure's tenant-isolation attempt does with tenant B's data, for
 * isolation.int.test.ts. A new procedure without an entry here fails the walk.
 */

export type Caller = ReturnType<TestWorld['as']>;
export interface Fixture {
  aTenantId: string;
  bTenantId: string;
  bCustomerId: string;
  bCustomerVersion: number;
  bProductId: string;
  bPlanId: string;
  bPlanVersion: number;
  bPriceId: string;
  bSubscriptionId: string;
  bSubscriptionVersion: number;
  bInvoiceId: string;
  bPaymentId: string;
  bPaymentMethodId: string;
  bClockId: string;
  bEmailId: string;
  bStripeEventId: string;
  bAdminUserId: string;
  bInvitationId: string;
  bApiKeyId: string;
  bWebhookEndpointId: string;
  bWebhookDeliveryId: string;
  bJobId: string;
  bExportId: string;
  /** B's customer Bertha's account: an admin of it and an open invitation to it (decision 145). */
  bAccountAdminUserId: string;
  bAccountInvitationId: string;
  /** A draft of Bertha's account's branding. */
  bBrandingVersionId: string;

  /** B's licensing: a policy of Bertha's product and B's signing key. */
  bPolicyId: string;
  bPolicyVersion: number;
  bSigningKid: string;
  /** Bertha's license, with a machine, a seat, usage and a validation. */
  bLicenseId: string;
  /** A license issued to Bertha under B's policy (signed key), and a machine of it. */
  bIssuedLicenseId: string;
  bIssuedLicenseVersion: number;
  bMachineId: string;
  /** An offline activation request for Bertha's license, written with its key. */
  bActivationRequest: string;
}

/** One attempt per procedure, using tenant B's data. A new procedure without one fails the walk below. */
export const ATTEMPTS: Record<string, ((a: Caller, f: Fixture) => Promise<unknown>) | 'no tenant data'> = {
  'backend.mode': 'no tenant data',
  // Sign-in and the caller's own account: tested for refusals in server/hosted/auth.int.test.ts.
  'auth.login': 'no tenant data',
  'auth.refresh': 'no tenant data',
  'auth.logout': 'no tenant data',
  'auth.me': 'no tenant data',
  'auth.changePassword': 'no tenant data',
  'auth.acceptInvitation': 'no tenant data',
  'tenants.session': (a) => a.tenants.session(),
  'audit.list': (a, f) => a.audit.list({ entityType: 'customer', entityId: f.bCustomerId }),
  'audit.facets': (a) => a.audit.facets(),
  'audit.verify': (a) => a.audit.verify(),
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
  // The desktop's own connection to a server: local to the computer, no tenant's data.
  'connection.status': 'no tenant data',
  'connection.outbox': 'no tenant data',
  'connection.pendingMarks': 'no tenant data',
  'connection.cancel': 'no tenant data',
  'connection.retry': 'no tenant data',
  'connection.acknowledge': 'no tenant data',
  'connection.connect': 'no tenant data',
  'connection.acceptInvitation': 'no tenant data',
  'connection.syncNow': 'no tenant data',
  'connection.disconnect': 'no tenant data',
  'sync.pull': (a) => a.sync.pull({ cursor: 0, limit: 5000, withTotal: true }),
  // Pushed commands run with the pusher's rights: B's customer is not found from A.
  'sync.push': (a, f) =>
    a.sync.push({
      clientId: 'intruder-0001',
      mutations: [{ id: 1, tenantId: f.aTenantId, path: 'customers.archive', input: { id: f.bCustomerId } }],
    }),
  // Every key B's objects are known by, from inside A: nothing of B's may come back.
  'search.find': async (a, f) => {
    const keys = [
      f.bCustomerId,
      f.bInvoiceId,
      f.bSubscriptionId,
      f.bPaymentId,
      f.bEmailId,
      f.bPaymentMethodId,
    ];
    const found = [];
    for (const query of [...keys, 'INV-000001', 'bertha@b.example', 'Bertha', '4242']) {
      found.push(await a.search.find({ query }));
    }
    return found;
  },
  'admin.roles': (a) => a.admin.roles(),
  'tenants.list': (a) => a.tenants.list(),
  'tenants.create': (a) => a.tenants.create({ name: 'Intruder', slug: 'intruder' }),
  'tenants.rename': (a, f) => a.tenants.rename({ id: f.bTenantId, name: 'Hijacked' }),
  'tenants.suspend': (a, f) => a.tenants.suspend({ id: f.bTenantId }),
  'tenants.reactivate': (a, f) => a.tenants.reactivate({ id: f.bTenantId }),
  'admin.members.list': (a) => a.admin.members.list(),
  'admin.members.changeRole': (a, f) =>
    a.admin.members.changeRole({ userId: f.bAdminUserId, role: 'viewer' }),
  'admin.members.remove': (a, f) => a.admin.members.remove({ userId: f.bAdminUserId }),
  'admin.platformMembers.list': (a) => a.admin.platformMembers.list(),
  'admin.platformMembers.changeRole': (a, f) =>
    a.admin.platformMembers.changeRole({ userId: f.bAdminUserId, role: 'analyst' }),
  'admin.platformMembers.remove': (a, f) => a.admin.platformMembers.remove({ userId: f.bAdminUserId }),
  'admin.invitations.list': (a) => a.admin.invitations.list({ scope: 'tenant' }),
  // Inviting into B by naming it: A's admin does not manage B, so B is not found.
  'admin.invitations.create': (a, f) =>
    a.admin.invitations.create({
      scope: 'tenant',
      tenantId: f.bTenantId,
      email: 'intruder@example.com',
      role: 'admin',
    }),
  'admin.invitations.revoke': (a, f) => a.admin.invitations.revoke({ id: f.bInvitationId }),
  'admin.apiKeys.list': (a) => a.admin.apiKeys.list(),
  'admin.apiKeys.create': (a) => a.admin.apiKeys.create({ name: 'Intruder key', role: 'admin' }),
  'admin.apiKeys.revoke': (a, f) => a.admin.apiKeys.revoke({ id: f.bApiKeyId }),
  'webhooks.endpoints': (a) => a.webhooks.endpoints(),
  'webhooks.create': (a) =>
    a.webhooks.create({ url: 'http://127.0.0.1:1/intruder', eventTypes: ['invoice.paid'] }),
  'webhooks.setEnabled': (a, f) => a.webhooks.setEnabled({ id: f.bWebhookEndpointId, enabled: false }),
  'webhooks.update': (a, f) =>
    a.webhooks.update({ id: f.bWebhookEndpointId, patch: { url: 'http://127.0.0.1:1/hijacked' } }),
  'webhooks.delete': (a, f) => a.webhooks.delete({ id: f.bWebhookEndpointId }),
  'webhooks.rotateSecret': (a, f) =>
    a.webhooks.rotateSecret({ id: f.bWebhookEndpointId, oldSecretExpires: '7d' }),
  'webhooks.deliveries': (a, f) => a.webhooks.deliveries({ endpointId: f.bWebhookEndpointId }),
  'webhooks.delivery': (a, f) => a.webhooks.delivery({ id: f.bWebhookDeliveryId }),
  'webhooks.replay': (a, f) => a.webhooks.replay({ id: f.bWebhookDeliveryId }),
  // The server's backups hold every tenant's rows: platform staff only.
  'backups.list': (a) => a.backups.list(),
  // The job queue holds every tenant's jobs and the server's own: platform staff only.
  'jobs.list': (a) => a.jobs.list({ state: 'scheduled' }),
  'jobs.retry': (a, f) => a.jobs.retry({ id: f.bJobId }),
  'jobs.release': (a, f) => a.jobs.release({ id: f.bJobId }),
  // Analytics settings and FX rates are the caller's own workspace's: nothing of B is named.
  'analyticsSettings.get': (a) => a.analyticsSettings.get(),
  'analyticsSettings.update': (a) =>
    a.analyticsSettings.update({
      reportingCurrency: 'EUR',
      pastDueChurnDays: 30,
      financePackRecipients: ['cfo@example.com'],
    }),
  'analyticsSettings.rebuildStatus': (a) => a.analyticsSettings.rebuildStatus(),
  'analyticsSettings.startRebuild': (a) => a.analyticsSettings.startRebuild(),
  'analyticsSettings.fxRates': (a) => a.analyticsSettings.fxRates({}),
  'analyticsSettings.setFxRate': (a) =>
    a.analyticsSettings.setFxRate({ day: '2026-01-31', base: 'EUR', quote: 'USD', rate: '1.08' }),
  'analyticsSettings.importFxRates': (a) =>
    a.analyticsSettings.importFxRates({ csv: 'day,base,quote,rate\n2026-01-31,EUR,USD,1.08\n' }),
  'analytics.overview': (a, f) =>
    a.analytics.overview({ from: '2025-01', to: '2026-12', segment: { plan: f.bPlanId } }),
  'analytics.movements': (a) => a.analytics.movements({ from: '2025-01', to: '2026-12', segment: {} }),
  'analytics.segments': (a) => a.analytics.segments(),
  'revenue.byMonth': (a, f) =>
    a.revenue.byMonth({ from: '2025-01', to: '2027-12', segment: { plan: f.bPlanId } }),
  'revenue.trialConversion': (a, f) =>
    a.revenue.trialConversion({ from: '2025-01', to: '2027-12', segment: { plan: f.bPlanId } }),
  'revenue.recoveryRate': (a) => a.revenue.recoveryRate({ from: '2025-01', to: '2027-12' }),
  // Exports are the maker's own: B's export is not found from A; a new one is A's alone.
  'exports.start': (a) => a.exports.start({ source: 'subscriptions', view: {}, format: 'csv' }),
  'exports.get': (a, f) => a.exports.get({ id: f.bExportId }),
  'exports.list': (a) => a.exports.list(),
  'exports.cancel': (a, f) => a.exports.cancel({ id: f.bExportId }),
  'exports.delete': (a, f) => a.exports.delete({ id: f.bExportId }),
  // Staff managing account admins: B's customer, her admin and her invitation are not found from A.
  'accountAdmins.list': (a, f) => a.accountAdmins.list({ customerId: f.bCustomerId }),
  'accountAdmins.invite': (a, f) =>
    a.accountAdmins.invite({ customerId: f.bCustomerId, email: 'intruder@example.com' }),
  'accountAdmins.revokeInvitation': (a, f) =>
    a.accountAdmins.revokeInvitation({ id: f.bAccountInvitationId }),
  'accountAdmins.remove': (a, f) =>
    a.accountAdmins.remove({ customerId: f.bCustomerId, userId: f.bAccountAdminUserId }),
  // White-label branding: B's customer's branding and its versions are not found from A.
  'branding.get': (a, f) => a.branding.get({ customerId: f.bCustomerId }),
  'branding.versions': (a, f) => a.branding.versions({ customerId: f.bCustomerId }),
  'branding.saveDraft': (a, f) =>
    a.branding.saveDraft({
      customerId: f.bCustomerId,
      branding: {
        productName: 'Intruder',
        logo: null,
        colors: { primary: '#000000', accent: '#000000', background: '#ffffff', text: '#000000' },
        customDomain: null,
        senderName: null,
        replyTo: null,
      },
    }),
  'branding.publish': (a, f) =>
    a.branding.publish({ customerId: f.bCustomerId, draftId: f.bBrandingVersionId }),
  'branding.restore': (a, f) => a.branding.restore({ id: f.bBrandingVersionId }),

  // Licensing (staff): B's policy and key are not found from A; a policy of B's product is refused.
  'licensePolicies.list': (a) => a.licensePolicies.list({ includeArchived: true }),
  'licensePolicies.get': (a, f) => a.licensePolicies.get({ id: f.bPolicyId }),
  'licensePolicies.create': (a, f) =>
    a.licensePolicies.create({
      name: 'Intruder',
      productId: f.bProductId,
      durationKind: 'FIXED',
      durationDays: 30,
      machineMode: 'FLOATING',
      expirationStrategy: 'RESTRICT',
      pastDueAction: 'OVERDUE',
    }),
  'licensePolicies.update': (a, f) =>
    a.licensePolicies.update({
      id: f.bPolicyId,
      expectedVersion: f.bPolicyVersion,
      patch: { name: 'Hijacked' },
    }),
  'licensePolicies.archive': (a, f) =>
    a.licensePolicies.archive({ id: f.bPolicyId, expectedVersion: f.bPolicyVersion }),
  'licensingKeys.list': (a) => a.licensingKeys.list(),
  'licensingKeys.rotate': (a) => a.licensingKeys.rotate(),
  'licensingKeys.remove': (a, f) => a.licensingKeys.remove({ kid: f.bSigningKid }),
  // Staff reads of licenses: B's license is not found from A, and A's list never shows it.
  'licenses.list': (a, f) => a.licenses.list({ customerId: f.bCustomerId }),
  'licenses.get': (a, f) => a.licenses.get({ id: f.bLicenseId }),
  'licenses.usage': (a, f) => a.licenses.usage({ id: f.bLicenseId }),
  'licenses.validations': (a, f) => a.licenses.validations({ id: f.bLicenseId }),
  'licenses.issue': (a, f) =>
    a.licenses.issue({ customerId: f.bCustomerId, policyId: f.bPolicyId, name: 'Intruder' }),
  'licenses.suspend': (a, f) =>
    a.licenses.suspend({
      id: f.bIssuedLicenseId,
      expectedVersion: f.bIssuedLicenseVersion,
      reason: 'Hijacked',
    }),
  'licenses.reinstate': (a, f) =>
    a.licenses.reinstate({ id: f.bIssuedLicenseId, expectedVersion: f.bIssuedLicenseVersion }),
  'licenses.renew': (a, f) =>
    a.licenses.renew({ id: f.bIssuedLicenseId, expectedVersion: f.bIssuedLicenseVersion }),
  'licenses.revoke': (a, f) =>
    a.licenses.revoke({ id: f.bIssuedLicenseId, expectedVersion: f.bIssuedLicenseVersion }),
  'licenses.transfer': (a, f) =>
    a.licenses.transfer({
      id: f.bIssuedLicenseId,
      expectedVersion: f.bIssuedLicenseVersion,
      customerId: f.bCustomerId,
    }),
  'licenses.revealKey': (a, f) => a.licenses.revealKey({ id: f.bIssuedLicenseId }),
  'licenses.rekey': (a, f) =>
    a.licenses.rekey({ id: f.bIssuedLicenseId, expectedVersion: f.bIssuedLicenseVersion }),
  'licenses.downloadFile': (a, f) => a.licenses.downloadFile({ id: f.bIssuedLicenseId }),
  'licenses.machineFile': (a, f) => a.licenses.machineFile({ machineId: f.bMachineId }),
  'licenses.activateOffline': (a, f) => a.licenses.activateOffline({ request: f.bActivationRequest }),
};

/**
 * Platform-wide procedures (all tenants, the platform staff): platform roles rightly reach
 * every tenant through them, so here isolation means no tenant member gets in at all. A
 * tenant admin of A tries each naming B, and is refused for lack of a platform role.
 */
export const PLATFORM_WIDE = new Set([
  'tenants.list',
  'tenants.create',
  'tenants.rename',
  'tenants.suspend',
  'tenants.reactivate',
  'admin.platformMembers.list',
  'admin.platformMembers.changeRole',
  'admin.platformMembers.remove',
  'backups.list',
  'jobs.list',
  'jobs.retry',
  'jobs.release',
]);

/** Procedures that, called from inside A, rightly create there: they must leave B's rows as they were. */
export const CREATES_INSIDE_A = new Set([
  'customers.create',
  'catalog.createFeature',
  'catalog.createProduct',
  'testClocks.create',
  'emails.updateSettings',
  'stripeEvents.setSecret',
  'recovery.updatePolicy',
  'admin.apiKeys.create',
  'webhooks.create',
  'analyticsSettings.update',
  'analyticsSettings.startRebuild',
  'analyticsSettings.setFxRate',
  'analyticsSettings.importFxRates',
  'exports.start',
  'licensingKeys.rotate',
]);
