/** Account admins (decision 14x): people at a customer administering that customer's account only. */
export { accountAdminsRouter, accountRouter } from './router';
