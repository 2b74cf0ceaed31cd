/** The Emails screens: the outbox, one email, and the sender settings. */
export { EmailsListPage } from './EmailsListPage';
export { EmailPage } from './EmailPage';
export { parseEmailsSearch } from './list-search';
export { EmailsHeldBanner } from './EmailsHeldBanner';
