import { describe, expect, it } from 'vitest';
import { commandMatches } from './palette-commands';

describe('commandMatches', () => {
  const audit = { label: 'Go to Audit log', keywords: 'audit log history trail' };

  it('matches every word typed, anywhere in the label or keywords, in any case', () => {
    expect(commandMatches(audit, 'AUDIT')).toBe(true);
    expect(commandMatches(audit, 'go hist')).toBe(true);
    expect(commandMatches(audit, '')).toBe(true);
  });

  it('does not match when a word is missing', () => {
    expect(commandMatches(audit, 'audit invoices')).toBe(false);
    expect(commandMatches(audit, 'INV-000471')).toBe(false);
  });
});
