/** One field that a change touched, as the timeline shows it. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Fields whose change is bookkeeping, not news: the timeline leaves them out. */
const BOOKKEEPING = new Set(['version', 'updatedAt']);

/** The fields that differ between two snapshots of an entity, in a stable order. */
export function diffSnapshots(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of [...fields].sort()) {
    if (BOOKKEEPING.has(field)) continue;
    const was = before?.[field] ?? null;
    const now = after?.[field] ?? null;
    if (JSON.stringify(was) !== JSON.stringify(now)) changes.push({ field, before: was, after: now });
  }
  return changes;
}
