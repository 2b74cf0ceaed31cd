import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import classes from './data-table.module.css';
import type { DataColumn, SortState } from './types';

interface HeaderCellProps<Row> {
  column: DataColumn<Row>;
  sort: SortState;
  onSortChange: (sort: SortState) => void;
}

/** A column header; sortable ones are buttons that flip direction on a second click. */
export function HeaderCell<Row>({ column, sort, onSortChange }: HeaderCellProps<Row>) {
  const className = `${classes.headerCell} ${column.align === 'right' ? classes.right : ''}`;
  const field = column.sortField;
  if (!field) {
    return (
      <div role="columnheader" className={className}>
        {column.header}
      </div>
    );
  }
  const active = sort.field === field;
  const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  const Icon = !active ? IconArrowsSort : sort.direction === 'asc' ? IconArrowUp : IconArrowDown;
  const next: SortState = active
    ? { field, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
    : { field, direction: column.firstDirection ?? 'asc' };
  return (
    <div role="columnheader" aria-sort={ariaSort} className={className}>
      <button
        type="button"
        className={classes.sortButton}
        onClick={() => onSortChange(next)}
        title={`Sort by ${column.header.toLowerCase()}`}
      >
        {column.header}
        <Icon size={13} stroke={2} opacity={active ? 1 : 0.45} aria-hidden />
      </button>
    </div>
  );
}
