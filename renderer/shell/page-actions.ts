import type { ReactNode } from 'react';
import { useEffect, useSyncExternalStore } from 'react';

/** Something the open page can do, offered in the command palette while the page is shown. */
export interface PageAction {
  id: string;
  label: string;
  /** Extra words that find it ("add create"). */
  keywords?: string;
  icon?: ReactNode;
  run: () => void;
}

/**
 * The actions pages offer, registered while they are mounted. A plain store rather than
 * React context: pages sit below the palette, and their actions must reach it without the
 * palette wrapping (and re-rendering) every page.
 */
const registered = new Map<symbol, readonly PageAction[]>();
const listeners = new Set<() => void>();
let snapshot: readonly PageAction[] = [];

function publish() {
  snapshot = [...registered.values()].flat();
  for (const listener of listeners) listener();
}

export function registerPageActions(actions: readonly PageAction[]): () => void {
  const key = Symbol('page actions');
  registered.set(key, actions);
  publish();
  return () => {
    registered.delete(key);
    publish();
  };
}

/** Offers `actions` in the palette while the calling page is mounted. Pass a memoised list. */
export function usePageActions(actions: readonly PageAction[]): void {
  useEffect(() => registerPageActions(actions), [actions]);
}

/** What is registered now, read outside React. */
export function currentPageActions(): readonly PageAction[] {
  return snapshot;
}

/** The actions of the pages on screen now. */
export function usePageActionList(): readonly PageAction[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => snapshot,
  );
}
