/** Tables of migration 0010_sync, as Kysely sees them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the tables are added
export interface SyncTables {}
