import type { Attempts } from './isolation-attempts-types.test-kit';

/**
 * The workspace's own procedures: sign-in, tenants, audit, the desktop's connection and sync,
 * search, staff admin, webhooks, backups, jobs and exports.
 * Part of the isolation walk's attempts (isolation-attempts.test-kit.ts).
 */
export const WORKSPACE_ATTEMPTS: Attempts = {
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
  // Exports are the maker's own: B's export is not found from A; a new one is A's alone.
  'exports.start': (a) => a.exports.start({ source: 'subscriptions', view: {}, format: 'csv' }),
  'exports.get': (a, f) => a.exports.get({ id: f.bExportId }),
  'exports.list': (a) => a.exports.list(),
  'exports.cancel': (a, f) => a.exports.cancel({ id: f.bExportId }),
  'exports.delete': (a, f) => a.exports.delete({ id: f.bExportId }),
};
