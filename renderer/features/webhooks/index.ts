/** The Webhook events screens: the Stripe inbox, one event, and the endpoint's settings. */
export { WebhookEventsPage } from './WebhookEventsPage';
export { WebhookEventPage } from './WebhookEventPage';
export { parseWebhooksSearch } from './list-search';
