import type { Attempts } from './isolation-attempts-types.test-kit';

/**
 * Customers' accounts as staff manage them: account admins and white-label branding.
 * Part of the isolation walk's attempts (isolation-attempts.test-kit.ts).
 */
export const ACCOUNTS_ATTEMPTS: Attempts = {
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
};
