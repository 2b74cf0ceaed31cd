/** My account: what an account admin (a customer's own person) sees of their account (decision 145). */
export { AccountGate } from './AccountGate';
export { AccountPage } from './AccountPage';
