/** Account admins (decision 145): people at a customer administering that customer's account only. */
export { accountAdminsRouter, accountRouter } from './router';
