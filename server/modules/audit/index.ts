export { auditRouter } from './router';
export type { AuditRow } from './list';
export { verifyAuditChain, type ChainReport, type ChainProblem } from './verify';
export type { FieldChange } from './diff';
export { auditHistoryOf, type EntitySet, type HistoryEntry, type HistoryPosition } from './history';
export { diffSnapshots } from './diff';
