/** The customer page's billing sections: the one thing this feature offers others. */
export { CustomerBilling } from './CustomerBilling';
