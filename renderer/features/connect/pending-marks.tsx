import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { indexPendingMarks, NO_PENDING, type PendingIndex } from '../../lib/offline/pending-index';
import { usePendingMarkList } from './offline-api';

const PendingContext = createContext<PendingIndex>(NO_PENDING);

/**
 * Reads the pending marks once for the whole console (a connected desktop only) and hands
 * every screen the index; the live-query hook refreshes them when the replica changes.
 */
export function PendingMarksProvider({ connected, children }: { connected: boolean; children: ReactNode }) {
  const marks = usePendingMarkList(connected);
  const index = useMemo(
    () => (connected && marks.data ? indexPendingMarks(marks.data) : NO_PENDING),
    [connected, marks.data],
  );
  return <PendingContext.Provider value={index}>{children}</PendingContext.Provider>;
}

/** Which rows and fields on screen wait for the server. */
export function usePending(): PendingIndex {
  return useContext(PendingContext);
}
