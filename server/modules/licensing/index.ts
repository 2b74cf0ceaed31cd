/** Enterprise licensing (issue 15; docs/licensing.md): policies, licenses, machines, seats, usage. */
export { licenseStateOf, machineFromRow, policyFromRow } from './rows';
export type { LicenseRow, MachineRow, PolicyRow } from './rows';
export { licensesRouter } from './router';
// Licenses follow their subscriptions, are reminded before they expire, and bill overage (lifecycle/).
export { licensingForBilling } from './lifecycle/port';
export {
  licenseJobHandlers,
  nextRemindersAt,
  scheduleLicenseReminders,
  sendExpiryReminders,
} from './lifecycle/reminder-job';
