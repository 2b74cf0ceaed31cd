import type { EntitlementSource, FeatureEntitlement } from '../../../shared/catalog/entitlements';
import { formatCount } from '../../lib/format';

/** The customer's value for a feature: "On", "Up to 50", "Unlimited" or "Not included". */
export function entitlementValue(
  e: Pick<FeatureEntitlement, 'kind' | 'allowed' | 'limit'>,
  locale?: string,
): string {
  if (!e.allowed) return 'Not included';
  if (e.kind === 'flag') return 'On';
  return e.limit === null ? 'Unlimited' : `Up to ${formatCount(e.limit, locale)}`;
}

/** A source by its plan: "Pro plan", or "Free plan (workspace default)". */
export function sourceName(source: EntitlementSource): string {
  return source.kind === 'default_plan'
    ? `${source.planName} plan (workspace default)`
    : `${source.planName} plan`;
}

/**
 * Why the customer has a feature or not, short enough to sit under each one: the plans
 * that grant it, or those that apply but leave it out. The full source labels (with the
 * subscription) are listed once above the features; the server's own sentence is the
 * fallback when nothing applies at all.
 */
export function entitlementWhy(
  e: Pick<FeatureEntitlement, 'allowed' | 'grantedBy' | 'reason'>,
  sources: readonly EntitlementSource[],
): string {
  const names = (list: readonly EntitlementSource[]) => [...new Set(list.map(sourceName))].join(', ');
  if (e.allowed) {
    const granting = sources.filter((source) => e.grantedBy.includes(source.label));
    return granting.length > 0 ? `From ${names(granting)}` : e.reason;
  }
  const applying = sources.filter((source) => source.grants);
  return applying.length > 0 ? `Not in ${names(applying)}` : e.reason;
}
