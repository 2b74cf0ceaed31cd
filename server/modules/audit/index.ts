export { insertAuditEntry, type AuditEntryInput } from './repo';
export { chainUnlinkedEntries } from './chain';
export { auditRouter } from './router';
export type { AuditRow } from './list';
export { verifyAuditChain, type ChainReport, type ChainProblem } from './verify';
export { entityTimeline, type TimelineEntry } from './service';
export type { FieldChange } from './diff';
