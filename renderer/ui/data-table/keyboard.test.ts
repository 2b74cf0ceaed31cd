import { describe, expect, it } from 'vitest';
import { nextRowIndex } from './keyboard';

describe('nextRowIndex', () => {
  it('moves one row with the arrows, stopping at the ends', () => {
    expect(nextRowIndex('ArrowDown', 3, 10, 5)).toBe(4);
    expect(nextRowIndex('ArrowUp', 3, 10, 5)).toBe(2);
    expect(nextRowIndex('ArrowDown', 9, 10, 5)).toBe(9);
    expect(nextRowIndex('ArrowUp', 0, 10, 5)).toBe(0);
  });

  it('starts at the first row when nothing is highlighted yet', () => {
    expect(nextRowIndex('ArrowDown', -1, 10, 5)).toBe(0);
    expect(nextRowIndex('ArrowUp', -1, 10, 5)).toBe(0);
  });

  it('jumps to the ends and by a page', () => {
    expect(nextRowIndex('Home', 7, 10, 5)).toBe(0);
    expect(nextRowIndex('End', 2, 10, 5)).toBe(9);
    expect(nextRowIndex('PageDown', 2, 10, 5)).toBe(7);
    expect(nextRowIndex('PageDown', 7, 10, 5)).toBe(9);
    expect(nextRowIndex('PageUp', 7, 10, 5)).toBe(2);
    expect(nextRowIndex('PageUp', 2, 10, 5)).toBe(0);
  });

  it('ignores other keys and empty tables', () => {
    expect(nextRowIndex('a', 2, 10, 5)).toBeNull();
    expect(nextRowIndex('ArrowDown', -1, 0, 5)).toBeNull();
  });
});
