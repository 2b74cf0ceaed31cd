import { Loader, Skeleton, VisuallyHidden } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import classes from './data-table.module.css';
import { DEFAULT_MIN_WIDTH } from './fit-columns';
import { HeaderCell } from './HeaderCell';
import { nextRowIndex } from './keyboard';
import type { DataColumn, SortState } from './types';

export const ROW_HEIGHT = 44;

/**
 * One grid template shared by the header and every row (each row is its own grid, since
 * rows are absolutely positioned), with a fixed row width, so columns line up exactly.
 */
function gridTracks<Row>(columns: readonly DataColumn<Row>[]) {
  let minWidth = 0;
  const tracks = columns.map((column) => {
    const min = column.minWidth ?? DEFAULT_MIN_WIDTH;
    const grow = column.grow ?? 1;
    minWidth += min;
    return grow > 0 ? `minmax(${min}px, ${grow}fr)` : `${min}px`;
  });
  return { template: tracks.join(' '), minWidth };
}
/** Start loading the next page this many rows before the end, so scrolling rarely waits. */
const PREFETCH_ROWS = 30;

export interface GridProps<Row> {
  label: string;
  columns: readonly DataColumn<Row>[];
  rows: readonly Row[];
  total: number | null;
  getRowId: (row: Row) => string;
  sort: SortState;
  onSortChange: (sort: SortState) => void;
  onOpenRow: (row: Row) => void;
  /** Identifies the view: the highlight and scroll position reset when it changes. */
  viewKey: string;
  hasMore: boolean;
  isLoadingMore: boolean;
  loadMore: () => void;
  isStale: boolean;
  /** Shown instead of rows (loading, empty, error). */
  placeholder?: ReactNode;
}

/** The virtualized, keyboard-navigable body of a data table: only visible rows are in the DOM. */
export function Grid<Row>(props: GridProps<Row>) {
  const { columns, rows, hasMore, isLoadingMore, loadMore, viewKey } = props;
  const scrollerRef = useRef<HTMLDivElement>(null);
  const gridId = useId();
  const [highlight, setHighlight] = useState({ viewKey, index: -1 });
  const active = highlight.viewKey === viewKey ? highlight.index : -1;
  const { template, minWidth } = gridTracks(columns);

  // The virtualizer re-renders us on scroll itself; compiler memoization is not needed here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !isLoadingMore && lastVisible >= rows.length - PREFETCH_ROWS) loadMore();
  }, [hasMore, isLoadingMore, lastVisible, rows.length, loadMore]);

  useEffect(() => {
    scrollerRef.current?.scrollTo({ top: 0 });
  }, [viewKey]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const current = active >= 0 ? rows[active] : undefined;
    if (event.key === 'Enter' && current !== undefined) {
      event.preventDefault();
      props.onOpenRow(current);
      return;
    }
    const pageSize = Math.max(1, Math.floor((scrollerRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 2);
    const next = nextRowIndex(event.key, active, rows.length, pageSize);
    if (next === null) return;
    event.preventDefault();
    setHighlight({ viewKey, index: next });
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const rowId = (index: number) => `${gridId}-row-${index}`;

  return (
    <div
      ref={scrollerRef}
      role="grid"
      aria-label={props.label}
      aria-rowcount={props.total === null ? -1 : props.total + 1}
      aria-activedescendant={active >= 0 ? rowId(active) : undefined}
      aria-busy={props.isStale || undefined}
      tabIndex={0}
      className={classes.scroller}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className={classes.header}>
        <div
          role="row"
          aria-rowindex={1}
          className={classes.row}
          style={{ gridTemplateColumns: template, minWidth }}
        >
          {columns.map((column) => (
            <HeaderCell key={column.id} column={column} sort={props.sort} onSortChange={props.onSortChange} />
          ))}
        </div>
      </div>
      {props.placeholder ?? (
        <div
          role="rowgroup"
          className={`${classes.body} ${props.isStale ? classes.stale : ''}`}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const row = rows[item.index];
            const style = {
              height: item.size,
              transform: `translateY(${item.start}px)`,
              gridTemplateColumns: template,
              minWidth,
            };
            if (row === undefined) {
              return (
                <div key="loading" role="row" className={`${classes.row} ${classes.bodyRow}`} style={style}>
                  <div role="gridcell" className={classes.cell}>
                    <Loader size="xs" type="dots" aria-label="Loading more rows" />
                  </div>
                </div>
              );
            }
            return (
              <div
                key={props.getRowId(row)}
                id={rowId(item.index)}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={item.index === active}
                className={`${classes.row} ${classes.bodyRow}`}
                style={style}
                onClick={() => {
                  setHighlight({ viewKey, index: item.index });
                  props.onOpenRow(row);
                }}
              >
                {columns.map((column) => (
                  <div
                    key={column.id}
                    role="gridcell"
                    className={`${classes.cell} ${column.align === 'right' ? classes.right : ''}`}
                  >
                    {column.cell(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

/** Grey bars in the shape of rows while the first page loads. */
export function LoadingRows() {
  return (
    <div className={classes.overlay} style={{ alignItems: 'stretch', justifyContent: 'flex-start' }}>
      <VisuallyHidden>Loading…</VisuallyHidden>
      {Array.from({ length: 8 }, (_, i) => (
        <Skeleton key={i} height={20} radius="sm" width={`${90 - ((i * 7) % 30)}%`} mb={12} />
      ))}
    </div>
  );
}
