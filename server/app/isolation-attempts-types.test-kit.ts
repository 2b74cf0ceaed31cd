import type { TestWorld } from '../testing/world.test-kit';

/** Who attempts. */
export type Caller = ReturnType<TestWorld['as']>;
/** Tenant B's data each attempt names (isolation-fixture.test-kit.ts makes it). */
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

  /** B's marketplace: an instructor (Bertha), her published course, and another of hers in review. */
  bInstructorId: string;
  bInstructorVersion: number;
  bCourseId: string;
  bCourseVersion: number;
  bReviewCourseId: string;
  bReviewCourseVersion: number;
}

/** One attempt per procedure, using tenant B's data ('no tenant data': it names none). */
export type Attempt = ((a: Caller, f: Fixture) => Promise<unknown>) | 'no tenant data';
export type Attempts = Record<string, Attempt>;
