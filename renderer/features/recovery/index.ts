/** What other features use of recovery: its page, and how a failed invoice's recovery reads. */
export { RecoveryPage } from './RecoveryPage';
export { recoveryNotice, type Notice } from './recovery-notice';
export type { RecoveryState } from './types';
