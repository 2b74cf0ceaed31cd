import type { FeatureEntitlement } from '../../../shared/catalog/entitlements';
import type { FeatureKind } from '../../../shared/catalog/types';
import { capIn, type ResolvedEntitlements, type TenantCatalog } from './rules';

/** How a cap reads to people. */
function describeCap(kind: FeatureKind, cap: number | null): string {
  if (kind === 'flag') return 'On';
  return cap === null ? 'Unlimited' : `Up to ${cap}`;
}

/** Why a feature is not available, from what applies to the customer. */
function whyNot(resolved: ResolvedEntitlements): string {
  const applied = resolved.sources.filter((source) => source.grants);
  if (applied.length > 0) return `Not included in ${applied.map((source) => source.label).join('; ')}`;
  const ignored = resolved.sources.map((source) => source.label);
  return ignored.length > 0
    ? `No subscription grants access (${ignored.join('; ')}) and the workspace has no default plan`
    : 'No subscription, and the workspace has no default plan';
}

/** One feature's entitlement for a customer, with the sources that set its value and why. */
export function describeFeature(
  catalog: TenantCatalog,
  resolved: ResolvedEntitlements,
  feature: { key: string; name: string; kind: FeatureKind },
): FeatureEntitlement {
  const limit = capIn(resolved.caps, feature.key);
  const allowed = limit !== 0;
  // The deciding sources: those whose own cap is the combined one (every "on", or the maximum).
  const grantedBy = allowed
    ? resolved.sources
        .filter(
          (source) => source.grants && capIn(catalog.plans.get(source.planId)?.caps, feature.key) === limit,
        )
        .map((source) => source.label)
    : [];
  return {
    key: feature.key,
    name: feature.name,
    kind: feature.kind,
    allowed,
    limit,
    grantedBy,
    reason: allowed ? `${describeCap(feature.kind, limit)} — from ${grantedBy.join('; ')}` : whyNot(resolved),
  };
}
