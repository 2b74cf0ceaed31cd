/** What other features use of recovery: its page. */
export { RecoveryPage } from './RecoveryPage';
