/** Outgoing webhooks: endpoints, their signing secrets (shown once), delivery logs and replays. */
export { WebhooksPage } from './WebhooksPage';
