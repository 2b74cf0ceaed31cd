import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tenantSlug } from '../../../shared/admin/schema';
import { slugFrom } from './slug';

describe('slugFrom', () => {
  it('folds accents, lowercases and joins words with single hyphens', () => {
    expect(slugFrom('Café Acme, Ltd.')).toBe('cafe-acme-ltd');
    expect(slugFrom('  --Lumen   Academy-- ')).toBe('lumen-academy');
  });

  it('suggests only slugs the server accepts, whenever it suggests any of two characters or more', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (name) => {
        const slug = slugFrom(name);
        if (slug.length >= 2) expect(tenantSlug.safeParse(slug).success).toBe(true);
      }),
    );
  });
});
