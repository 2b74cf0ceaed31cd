import { createRoute } from '@tanstack/react-router';
import { AuditLogPage, parseAuditSearch } from '../features/audit';
import { rootRoute } from './root';

export const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audit',
  validateSearch: parseAuditSearch,
  component: AuditLogPage,
});
