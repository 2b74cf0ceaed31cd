/** My account: what an account admin (a customer's own person) sees of their account (decision 14x). */
export { AccountGate } from './AccountGate';
export { AccountPage } from './AccountPage';
