export { insertAuditEntry, type AuditEntryInput } from './repo';
export { entityTimeline, type TimelineEntry } from './service';
export type { FieldChange } from './diff';
