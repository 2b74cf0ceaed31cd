import type { QueryClient } from '@tanstack/react-query';
import { clearActiveTenant } from '../../lib/active-tenant';

/**
 * After connecting or disconnecting, every screen reads other data (the replica, or the
 * standalone database), where the tenant in use may not exist: start again from the session.
 */
export function switchData(queryClient: QueryClient): Promise<void> {
  clearActiveTenant();
  return queryClient.resetQueries();
}
