import { describe, expect, it } from 'vitest';
import { nameSortKey } from './sort-key';

describe('nameSortKey', () => {
  it('sorts accented and capitalised names among their plain letters', () => {
    const names = ['Zoe Adams', 'éloïse Durand', 'Emma Brown', 'Álvaro Ruiz', 'adam Smith', 'Øyvind Lie'];
    const sorted = [...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1));
    expect(sorted).toEqual([
      'adam Smith',
      'Álvaro Ruiz',
      'éloïse Durand',
      'Emma Brown',
      'Zoe Adams',
      'Øyvind Lie',
    ]);
  });
});
