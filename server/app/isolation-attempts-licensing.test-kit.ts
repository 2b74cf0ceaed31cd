import type { Attempts } from './isolation-attempts-types.test-kit';

/**
 * Licensing (staff): policies, signing keys and licenses.
 * Part of the isolation walk's attempts (isolation-attempts.test-kit.ts).
 */
export const LICENSING_ATTEMPTS: Attempts = {
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
  'licenses.relink': (a, f) =>
    a.licenses.relink({
      id: f.bIssuedLicenseId,
      expectedVersion: f.bIssuedLicenseVersion,
      subscriptionId: f.bSubscriptionId,
    }),
  'licenses.revealKey': (a, f) => a.licenses.revealKey({ id: f.bIssuedLicenseId }),
  'licenses.rekey': (a, f) =>
    a.licenses.rekey({ id: f.bIssuedLicenseId, expectedVersion: f.bIssuedLicenseVersion }),
  'licenses.downloadFile': (a, f) => a.licenses.downloadFile({ id: f.bIssuedLicenseId }),
  'licenses.machineFile': (a, f) => a.licenses.machineFile({ machineId: f.bMachineId }),
  'licenses.activateOffline': (a, f) => a.licenses.activateOffline({ request: f.bActivationRequest }),
};
