/** What fitting needs to know of a column. */
interface Fittable {
  minWidth?: number;
  hideable?: boolean;
  /** Higher stays longer when space runs out; 0 unless said. */
  fitPriority?: number;
}

export const DEFAULT_MIN_WIDTH = 140;

/**
 * The shown columns that fit `width` without scrolling sideways: while their minimum widths
 * add up to more, the hideable column of lowest priority goes (the right-most among equals,
 * as columns run from most to least telling). The column naming the row always stays, so
 * on a very narrow window the grid may still scroll. The user's own choice is untouched:
 * the columns come back when the window widens.
 */
export function fitColumns<C extends Fittable>(columns: readonly C[], width: number): C[] {
  const kept = [...columns];
  const total = () => kept.reduce((sum, c) => sum + (c.minWidth ?? DEFAULT_MIN_WIDTH), 0);
  while (width > 0 && total() > width) {
    let drop = -1;
    kept.forEach((column, index) => {
      if (column.hideable === false) return;
      if (drop === -1 || (column.fitPriority ?? 0) <= (kept[drop]?.fitPriority ?? 0)) drop = index;
    });
    if (drop === -1) break;
    kept.splice(drop, 1);
  }
  return kept;
}
