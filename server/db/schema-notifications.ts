/** Tables of migration 0004_notifications, as Kysely sees them. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the tables are added
export interface NotificationTables {}
