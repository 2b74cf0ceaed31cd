/** Tables of migration 0007_disputes, as Kysely sees them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the tables are added
export interface DisputeTables {}
