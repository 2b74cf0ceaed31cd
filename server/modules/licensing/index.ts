/** Enterprise licensing (issue 15; docs/licensing.md): policies, licenses, machines, seats, usage. */
export { licenseStateOf, machineFromRow, policyFromRow } from './rows';
export type { LicenseRow, MachineRow, PolicyRow } from './rows';
export { licensesRouter } from './router';
export { activateMachine, deactivateMachine, refuseUnlessInGoodStanding } from './machines/machines';
export type { ActivateMachineInput, DeactivateMachineInput, MachineOutcome } from './machines/machines';
export { LicenseRefusal, type LicenseRefusalCode } from './machines/refusal';

export { licenseKeyHash } from './api/key-hash';
export { validateLicense, type LicenseCaller, type ValidationAnswer } from './api/validate';
export {
  activateByKey,
  checkInByKey,
  deactivateByKey,
  heartbeatByKey,
  type ActionAnswer,
} from './api/actions';
export { forgetLicenseView } from './api/view';
export { closeValidationLog, flushValidationLog } from './validations/log';

export { licensePoliciesRouter } from './policies/procedures';
export { findPolicy } from './policies/service';
export type { LicensePolicy } from './policies/row';
export { licensingKeysRouter } from './keys/procedures';
export { publishedKeySet, signingKeyFor, type SigningKeyInfo } from './keys/service';
export { issueLicense, type IssueInput } from './licenses/issue';
export {
  reinstateLicense,
  renewLicense,
  revealLicenseKey,
  revokeLicense,
  suspendLicense,
} from './licenses/lifecycle';
export { transferLicense } from './licenses/transfer';
export { toLicense, type License } from './licenses/row';
export { licenseFileFor, machineFileFor, type FileOptions, type IssuedFile } from './files/service';
/** Account admins' side (decision 145): their own licenses, seats and machines; seats for staff too. */
export { accountLicensesRouter } from './account/router';
export { assignSeat, removeSeat, seatsOf, type AssignSeat, type Seat, type SeatScope } from './seats/seats';
export { recordUsage, type UsageEventIn, type UsageEventOutcome } from './usage/record';
export { recordUsageByKey, type UsageAnswer } from './api/usage';
export { usagePeriodOf, type BillingCycle } from './usage/period';

// Licenses follow their subscriptions, are reminded before they expire, and bill overage (lifecycle/).
export { licensingForBilling } from './lifecycle/port';
export {
  licenseJobHandlers,
  nextRemindersAt,
  scheduleLicenseReminders,
  sendExpiryReminders,
} from './lifecycle/reminder-job';
