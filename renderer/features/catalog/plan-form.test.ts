import { describe, expect, it } from 'vitest';
import type { Feature, Plan } from '../../../shared/catalog/types';
import {
  featureValuesOf,
  planFieldErrors,
  planFormValues,
  planPatchFrom,
  validatePlanForm,
  type FeatureRow,
} from './plan-form';

const feature = (key: string, kind: Feature['kind']): Feature => ({
  key,
  name: key,
  kind,
  description: null,
  createdAt: 1,
});
const FEATURES = [
  feature('courses.max', 'limit'),
  feature('students.max', 'limit'),
  feature('api.access', 'flag'),
];

/** The rows with one of them changed. */
const withRow = (rows: FeatureRow[], key: string, patch: Partial<FeatureRow>) =>
  rows.map((row) => (row.key === key ? { ...row, ...patch } : row));

const pro: Plan = {
  id: `pln_${'1'.repeat(26)}`,
  productId: `prd_${'1'.repeat(26)}`,
  name: 'Pro',
  description: 'For instructors',
  status: 'active',
  sortOrder: 1,
  isDefault: false,
  version: 4,
  features: { 'api.access': true, 'courses.max': 50, 'students.max': null },
  createdAt: 1,
  updatedAt: 2,
};

describe('plan editor values', () => {
  it('starts from the plan: flags on or off, limits as numbers or unlimited', () => {
    const { features } = planFormValues(FEATURES, pro);
    expect(features.map(({ key, on, unlimited, limit }) => ({ key, on, unlimited, limit }))).toEqual([
      { key: 'courses.max', on: false, unlimited: false, limit: 50 },
      { key: 'students.max', on: false, unlimited: true, limit: '' },
      { key: 'api.access', on: true, unlimited: false, limit: '' },
    ]);
  });

  it('round-trips a plan’s values unchanged', () => {
    expect(featureValuesOf(planFormValues(FEATURES, pro).features)).toEqual(pro.features);
  });

  it('leaves out off flags and empty limits, keeping a limit of 0', () => {
    const rows = withRow(planFormValues(FEATURES).features, 'courses.max', { limit: 0 });
    expect(featureValuesOf(rows)).toEqual({ 'courses.max': 0 });
  });
});

describe('validatePlanForm', () => {
  it('uses the shared schema’s message for a missing name and refuses negative or fractional limits', () => {
    const values = planFormValues(FEATURES);
    values.features = withRow(values.features, 'courses.max', { limit: -1 });
    values.features = withRow(values.features, 'students.max', { limit: 2.5 });
    expect(validatePlanForm(values)).toEqual({
      name: 'Name is required',
      'features.0.limit': 'Use a whole number of 0 or more',
      'features.1.limit': 'Use a whole number of 0 or more',
    });
  });
});

describe('planFieldErrors', () => {
  it('puts a feature’s server error on its row, and patch fields on the plain field', () => {
    const rows = planFormValues(FEATURES).features;
    expect(
      planFieldErrors(
        {
          'patch.name': ['Another plan already uses this name'],
          'patch.features.api.access': ['api.access is a flag: use true or false'],
          'features.students.max': ['too big', 'ignored second message'],
          'features.gone.key': ['There is no feature with the key gone.key'],
        },
        rows,
      ),
    ).toEqual({
      name: 'Another plan already uses this name',
      'features.2.on': 'api.access is a flag: use true or false',
      'features.1.limit': 'too big',
      _: 'There is no feature with the key gone.key',
    });
  });
});

describe('planPatchFrom', () => {
  it('is empty when nothing changed, even with spaces around the name', () => {
    expect(planPatchFrom(pro, { ...planFormValues(FEATURES, pro), name: ' Pro ' })).toEqual({});
  });

  it('sends only the changed fields, and all feature values when any changed', () => {
    const values = planFormValues(FEATURES, pro);
    values.description = '';
    values.features = withRow(values.features, 'api.access', { on: false });
    expect(planPatchFrom(pro, values)).toEqual({
      description: null,
      features: { 'courses.max': 50, 'students.max': null },
    });
  });
});
