/** Enterprise licensing (issue 15; docs/licensing.md): policies, licenses, machines, seats, usage. */
export { licenseStateOf, machineFromRow, policyFromRow } from './rows';
export type { LicenseRow, MachineRow, PolicyRow } from './rows';
export { licensesRouter } from './router';
/** Account admins' side (decision 145): their own licenses, seats and machines; seats for staff too. */
export { accountLicensesRouter } from './account/router';
export { assignSeat, removeSeat, seatsOf, type AssignSeat, type Seat, type SeatScope } from './seats/seats';
