import { planCreateInput, type PlanCreateInput, type PlanUpdateInput } from '../../../shared/catalog/schema';
import type { Feature, FeatureKind, Plan, PlanFeatureValues } from '../../../shared/catalog/types';
import type { FieldErrors } from '../../../shared/errors';
import { firstFieldErrors } from '../../lib/errors';
import { zodFieldErrors } from './zod-errors';

/**
 * One feature's row in the plan editor. Rows live in an array rather than a record keyed by
 * feature key because keys contain dots (`courses.max`), which form paths would split.
 */
export interface FeatureRow {
  key: string;
  name: string;
  kind: FeatureKind;
  /** Flags: whether the plan includes the feature. */
  on: boolean;
  /** Limits: no cap at all. */
  unlimited: boolean;
  /** Limits: the cap as typed; empty means the plan does not include the feature. */
  limit: number | string;
}

export interface PlanFormValues {
  name: string;
  description: string;
  /** Only when creating: setting the default later is its own action. */
  isDefault: boolean;
  features: FeatureRow[];
}

/** The editor's starting values: the plan's own, or an empty plan with every feature off. */
export function planFormValues(features: readonly Feature[], plan?: Plan): PlanFormValues {
  return {
    name: plan?.name ?? '',
    description: plan?.description ?? '',
    isDefault: false,
    features: features.map((feature) => {
      const value = plan?.features[feature.key];
      return {
        key: feature.key,
        name: feature.name,
        kind: feature.kind,
        on: value === true,
        unlimited: feature.kind === 'limit' && value === null,
        limit: typeof value === 'number' ? value : '',
      };
    }),
  };
}

/**
 * The plan's feature values from the rows. An off flag and an empty limit are left out,
 * which the catalog reads as "not included", so plans list only what they grant.
 */
export function featureValuesOf(rows: readonly FeatureRow[]): PlanFeatureValues {
  const values: PlanFeatureValues = {};
  for (const row of rows) {
    if (row.kind === 'flag') {
      if (row.on) values[row.key] = true;
    } else if (row.unlimited) {
      values[row.key] = null;
    } else if (typeof row.limit === 'number') {
      values[row.key] = row.limit;
    }
  }
  return values;
}

const textFields = planCreateInput.pick({ name: true, description: true });

/** The shared schema's rules for name and description, plus whole, non-negative limits. */
export function validatePlanForm(values: PlanFormValues): Record<string, string> {
  const errors = zodFieldErrors(textFields, { name: values.name, description: values.description });
  values.features.forEach((row, index) => {
    const limit = row.limit;
    if (row.kind === 'limit' && !row.unlimited && typeof limit === 'number') {
      if (!Number.isSafeInteger(limit) || limit < 0)
        errors[`features.${index}.limit`] = 'Use a whole number of 0 or more';
    }
  });
  return errors;
}

/**
 * Puts the server's field errors where the editor shows them: `patch.name` on the name,
 * `features.courses.max` on that feature's row.
 */
export function planFieldErrors(
  fieldErrors: FieldErrors,
  rows: readonly FeatureRow[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(firstFieldErrors(fieldErrors))) {
    const field = path.replace(/^patch\./, '');
    const featureKey = field.startsWith('features.') ? field.slice('features.'.length) : null;
    const index = featureKey === null ? -1 : rows.findIndex((row) => row.key === featureKey);
    const row = rows[index];
    if (row) errors[`features.${index}.${row.kind === 'flag' ? 'on' : 'limit'}`] = message;
    else errors[featureKey === null ? field : '_'] = message;
  }
  return errors;
}

export function planCreateFrom(
  productId: string,
  sortOrder: number,
  values: PlanFormValues,
): PlanCreateInput {
  return {
    productId,
    name: values.name,
    description: values.description,
    sortOrder,
    isDefault: values.isDefault,
    features: featureValuesOf(values.features),
  };
}

const sameValues = (a: PlanFeatureValues, b: PlanFeatureValues) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && a[key] === b[key]);
};

/** Only what the user changed, so an edit touches nothing else; empty when nothing did. */
export function planPatchFrom(plan: Plan, values: PlanFormValues): PlanUpdateInput['patch'] {
  const patch: PlanUpdateInput['patch'] = {};
  const name = values.name.trim();
  const description = values.description.trim() || null;
  if (name !== plan.name) patch.name = name;
  if (description !== plan.description) patch.description = description;
  const features = featureValuesOf(values.features);
  if (!sameValues(features, plan.features)) patch.features = features;
  return patch;
}
