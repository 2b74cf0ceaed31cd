import { describe, expect, it } from 'vitest';
import { resolveVisibility } from './column-visibility';

const columns = [{ id: 'name', hideable: false }, { id: 'email' }, { id: 'notes', defaultHidden: true }];

describe('resolveVisibility', () => {
  it('uses the defaults when nothing was saved', () => {
    expect(resolveVisibility(null, columns)).toEqual({ name: true, email: true, notes: false });
  });

  it('applies the saved choice, dropping unknown columns', () => {
    const saved = JSON.stringify({ email: false, notes: true, removed: true });
    expect(resolveVisibility(saved, columns)).toEqual({ name: true, email: false, notes: true });
  });

  it('never hides a column that must stay', () => {
    expect(resolveVisibility(JSON.stringify({ name: false }), columns).name).toBe(true);
  });

  it('survives a corrupted saved value', () => {
    expect(resolveVisibility('{not json', columns)).toEqual({ name: true, email: true, notes: false });
  });
});
