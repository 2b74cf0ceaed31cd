import type { z } from 'zod';
import type { featureCreateInput } from '../../../shared/catalog/schema';
import type { Feature } from '../../../shared/catalog/types';
import type { CommandScope } from '../../commands/run-command';
import { DomainError } from '../../lib/errors';
import { runCatalogCommand, snapshot } from './catalog-command';
import { findFeature, insertFeature } from './feature-repo';

type CreateInput = z.output<typeof featureCreateInput>;

/** Adds a feature plans can include. Its key is what code checks (`can(…, 'courses.max')`), so it never changes. */
export function createFeature(scope: CommandScope, input: CreateInput): Promise<Feature> {
  return runCatalogCommand(scope, 'feature.created', async (trx, now) => {
    if (await findFeature(trx, scope.tenantId, input.key)) {
      throw new DomainError('CONFLICT', `A feature with the key ${input.key} already exists`, {
        key: ['Another feature already uses this key'],
      });
    }
    const feature: Feature = { ...input, createdAt: now };
    await insertFeature(trx, scope.tenantId, feature);
    return {
      result: feature,
      changes: [{ entityType: 'feature', entityId: feature.key, before: null, after: snapshot(feature) }],
    };
  });
}
