import { z } from 'zod';
import { customerId } from '../customers/schema';
import { featureKey } from './schema';
import type { FeatureKind } from './types';

/**
 * What a customer may use, and why. A limit is a whole number ≥ 0 or null for unlimited;
 * 0 means not entitled. Flags read the same way — on is null (no cap), off is 0 — so
 * `allowed` is always `limit !== 0`.
 */

/** Where a customer's entitlements come from: a subscription, or the workspace's default plan. */
export type EntitlementSource =
  | {
      kind: 'subscription';
      subscriptionId: string;
      /** The subscription's status; only trialing, active and past_due grant anything. */
      status: string;
      cancelAtPeriodEnd: boolean;
      planId: string;
      planName: string;
      /** False for a subscription whose status grants nothing; listed so the reason is visible. */
      grants: boolean;
      /** e.g. "Pro plan · subscription sub_… (active)". */
      label: string;
    }
  | {
      kind: 'default_plan';
      planId: string;
      planName: string;
      grants: true;
      /** e.g. "Free plan (workspace default, no active subscription)". */
      label: string;
    };

export interface FeatureEntitlement {
  key: string;
  name: string;
  kind: FeatureKind;
  allowed: boolean;
  /** The cap: null for unlimited (or a flag that is on), 0 when not entitled. */
  limit: number | null;
  /** Labels of the sources that set this value. */
  grantedBy: string[];
  /** One sentence for people: "Up to 50 — from Pro plan · subscription sub_… (active)". */
  reason: string;
}

export interface CustomerEntitlements {
  customerId: string;
  sources: EntitlementSource[];
  features: FeatureEntitlement[];
}

export interface EntitlementCheck {
  featureKey: string;
  kind: FeatureKind;
  allowed: boolean;
  limit: number | null;
  reason: string;
}

export const entitlementsForCustomerInput = z.strictObject({ customerId });

export const entitlementCheckInput = z.strictObject({ customerId, featureKey });
