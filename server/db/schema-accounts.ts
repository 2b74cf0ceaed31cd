/** Tables of migration 0009_accounts, as Kysely sees them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the tables are added
export interface AccountTables {}
