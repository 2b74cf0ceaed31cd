import { describe, expect, it } from 'vitest';
import { actionLabel, changeLines } from './timeline-text';

describe('timeline text', () => {
  it('names the known actions and reads unknown ones sensibly', () => {
    expect(actionLabel('customer.created')).toBe('Created');
    expect(actionLabel('customer.archived')).toBe('Archived');
    expect(actionLabel('customer.merged')).toBe('Merged');
  });

  it('describes each changed field of an update, showing empty as a dash', () => {
    const lines = changeLines({
      action: 'customer.updated',
      changes: [
        { field: 'company', before: null, after: 'Acme' },
        { field: 'name', before: 'Ada', after: 'Ada Lovelace' },
      ],
    });
    expect(lines).toEqual(['Company: — → Acme', 'Name: Ada → Ada Lovelace']);
  });

  it('shows countries by name', () => {
    const [line] = changeLines({
      action: 'customer.updated',
      changes: [{ field: 'country', before: 'DE', after: 'FR' }],
    });
    expect(line).toMatch(/^Country: .+ → .+$/);
    expect(line).not.toContain('DE →');
  });

  it('lists nothing for creation', () => {
    expect(
      changeLines({ action: 'customer.created', changes: [{ field: 'name', before: null, after: 'Ada' }] }),
    ).toEqual([]);
  });
});
