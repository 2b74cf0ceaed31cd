/** A record an outbox entry names, as a place in the console (null when no page shows it alone). */
export type RecordRoute =
  | { to: '/customers/$id'; params: { id: string } }
  | { to: '/invoices/$id'; params: { id: string } }
  | { to: '/subscriptions/$id'; params: { id: string } };

/** Where "Edit" and the record link go for a command's record. */
export function recordRoute(record: { table: string; key: string } | null): RecordRoute | null {
  if (!record) return null;
  const params = { id: record.key };
  switch (record.table) {
    case 'customers':
      return { to: '/customers/$id', params };
    case 'invoices':
      return { to: '/invoices/$id', params };
    case 'subscriptions':
      return { to: '/subscriptions/$id', params };
    default:
      return null;
  }
}
