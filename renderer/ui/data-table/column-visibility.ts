import { useEffect, useState } from 'react';

export type Visibility = Record<string, boolean>;

const storageKey = (tableId: string) => `tollgate.table.${tableId}.columns`;

interface ColumnFlags {
  id: string;
  hideable?: boolean;
  defaultHidden?: boolean;
}

/**
 * The saved choice merged over the columns' defaults: columns added since it was saved
 * get their default, removed ones are dropped, and a column that may not hide stays shown.
 */
export function resolveVisibility(saved: string | null, columns: readonly ColumnFlags[]): Visibility {
  let parsed: unknown = null;
  try {
    parsed = saved ? JSON.parse(saved) : null;
  } catch {
    parsed = null;
  }
  const choice = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const visibility: Visibility = {};
  for (const column of columns) {
    const chosen = choice[column.id];
    visibility[column.id] =
      column.hideable === false ? true : typeof chosen === 'boolean' ? chosen : !column.defaultHidden;
  }
  return visibility;
}

/** Column visibility for one table, remembered across sessions in localStorage. */
export function useColumnVisibility(tableId: string, columns: readonly ColumnFlags[]) {
  const [visibility, setVisibility] = useState<Visibility>(() =>
    resolveVisibility(localStorage.getItem(storageKey(tableId)), columns),
  );
  useEffect(() => {
    localStorage.setItem(storageKey(tableId), JSON.stringify(visibility));
  }, [tableId, visibility]);
  return [visibility, setVisibility] as const;
}
