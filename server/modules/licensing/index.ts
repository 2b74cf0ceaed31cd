/** Enterprise licensing (issue 15; docs/licensing.md): policies, licenses, machines, seats, usage. */
export { licenseStateOf, machineFromRow, policyFromRow } from './rows';
export type { LicenseRow, MachineRow, PolicyRow } from './rows';
export { licensesRouter } from './router';
