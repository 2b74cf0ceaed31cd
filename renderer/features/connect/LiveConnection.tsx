import type { ReactNode } from 'react';
import { PendingMarksProvider } from './pending-marks';
import { RefusalNotices } from './RefusalNotices';
import { useLiveConnection } from './use-live-connection';

/**
 * Around the whole console: the status kept fresh and screens kept live, the pending marks
 * for every screen, and the notices of refused commands. A standalone console gets only the
 * status poll.
 */
export function LiveConnection({ children }: { children: ReactNode }) {
  const status = useLiveConnection();
  const connected = status !== undefined && status.state !== 'standalone';
  return (
    <PendingMarksProvider connected={connected}>
      <RefusalNotices connected={connected} />
      {children}
    </PendingMarksProvider>
  );
}
