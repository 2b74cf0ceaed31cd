/** The staff's Licenses area (issue 15): the list, a license's page, and policies. */
export { LicensesListPage } from './LicensesListPage';
export { LicensePage } from './LicensePage';
export { parseLicensesSearch } from './list-search';
export { LicenseStatusBadge } from './status';
export { PoliciesPage } from './PoliciesPage';
