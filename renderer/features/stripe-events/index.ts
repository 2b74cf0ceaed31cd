/** The Stripe events screens: the Stripe inbox, one event, and the endpoint's settings. */
export { StripeEventsPage } from './StripeEventsPage';
export { StripeEventPage } from './StripeEventPage';
export { parseStripeEventsSearch } from './list-search';
