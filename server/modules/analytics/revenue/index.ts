/** Revenue reports (cash by month, trial conversion, recovery rate): read-only views over billing. */
export { revenueRouter } from './router';
export { revenueByMonth } from './reports';
