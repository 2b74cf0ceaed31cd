import type { FieldErrors } from '../../../shared/errors';
import type { FeatureKind, FeatureValue, PlanFeatureValues } from '../../../shared/catalog/types';

/**
 * How a plan's feature values meet the features they name. The input schema checks each
 * value's shape; only the catalog knows whether `courses.max` is a limit, so the match
 * between a value and its feature's kind is checked here.
 */

export interface FeatureValueProblems {
  /** Keys the tenant has no feature for. */
  unknownKeys: string[];
  /** Values of the wrong kind and unknown keys, by field path (`features.courses.max`). */
  fieldErrors: FieldErrors;
}

/** True when `value` is a value a feature of `kind` can hold. */
export function suitsKind(kind: FeatureKind, value: FeatureValue): boolean {
  switch (kind) {
    case 'flag':
      return typeof value === 'boolean';
    case 'limit':
      return value === null || (Number.isSafeInteger(value) && (value as number) >= 0);
  }
}

const KIND_HINT: Record<FeatureKind, string> = {
  flag: 'is a flag: use true or false',
  limit: 'is a limit: use a whole number ≥ 0, or null for unlimited',
};

/** Every problem with `values` (found at `field` in the input) against the tenant's feature kinds. */
export function checkFeatureValues(
  kinds: ReadonlyMap<string, FeatureKind>,
  values: PlanFeatureValues,
  field = 'features',
): FeatureValueProblems {
  const unknownKeys: string[] = [];
  const fieldErrors: FieldErrors = {};
  for (const [key, value] of Object.entries(values)) {
    const kind = kinds.get(key);
    if (!kind) {
      unknownKeys.push(key);
      fieldErrors[`${field}.${key}`] = [`There is no feature with the key ${key}`];
    } else if (!suitsKind(kind, value)) {
      fieldErrors[`${field}.${key}`] = [`${key} ${KIND_HINT[kind]}`];
    }
  }
  return { unknownKeys, fieldErrors };
}

/** The column value for a feature value: flags as 1/0, limits as the cap with NULL for unlimited. */
export function encodeFeatureValue(kind: FeatureKind, value: FeatureValue): number | null {
  if (kind === 'flag') return value === true ? 1 : 0;
  return typeof value === 'number' ? value : null;
}

/** The feature value a stored column value stands for. */
export function decodeFeatureValue(kind: FeatureKind, stored: number | null): FeatureValue {
  return kind === 'flag' ? stored === 1 : stored;
}
