import type { Migration } from './types';

/** Accounts for the hosted server: password credentials, sessions (refresh tokens), API keys, invitations, lockout. */
export const accounts: Migration = {
  version: 9,
  name: 'accounts',
  sql: /* sql */ `
    SELECT 1;
  `,
};
