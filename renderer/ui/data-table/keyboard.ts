/** Where the focused-row highlight goes for a key, or null when the key is not a move. */
export function nextRowIndex(key: string, current: number, count: number, pageSize: number): number | null {
  if (count === 0) return null;
  const clamp = (index: number) => Math.min(count - 1, Math.max(0, index));
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : clamp(current + 1);
    case 'ArrowUp':
      return current < 0 ? 0 : clamp(current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return clamp(Math.max(current, 0) + pageSize);
    case 'PageUp':
      return clamp(current - pageSize);
    default:
      return null;
  }
}
