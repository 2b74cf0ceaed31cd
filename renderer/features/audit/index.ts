export { AuditLogPage } from './AuditLogPage';
export { parseAuditSearch } from './audit-search';
