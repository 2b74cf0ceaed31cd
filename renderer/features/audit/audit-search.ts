/** The audit log's view in the URL. Dates are calendar days (YYYY-MM-DD), read as UTC. */
export interface AuditSearch {
  actor?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const text = (value: unknown, max: number) =>
  typeof value === 'string' && value.trim() && value.length <= max ? value.trim() : undefined;

export function parseAuditSearch(raw: Record<string, unknown>): AuditSearch {
  const search: AuditSearch = {};
  const actor = text(raw.actor, 200);
  if (actor) search.actor = actor;
  if (typeof raw.entityType === 'string' && /^[a-z_]{1,40}$/.test(raw.entityType))
    search.entityType = raw.entityType;
  const entityId = text(raw.entityId, 100);
  if (entityId) search.entityId = entityId;
  if (typeof raw.action === 'string' && /^[a-z_.]{1,80}$/.test(raw.action)) search.action = raw.action;
  for (const key of ['from', 'to'] as const) {
    const day = raw[key];
    if (typeof day === 'string' && DAY.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
      search[key] = day;
  }
  return search;
}

const DAY_MS = 86_400_000;

/** The procedure's filters: `to` is inclusive in the console (the whole day), exclusive on the wire. */
export function auditListFilters(search: AuditSearch) {
  const from = search.from ? Date.parse(`${search.from}T00:00:00Z`) : undefined;
  const to = search.to ? Date.parse(`${search.to}T00:00:00Z`) + DAY_MS : undefined;
  const ordered = from === undefined || to === undefined || from < to;
  return {
    actor: search.actor,
    entityType: search.entityType,
    entityId: search.entityId,
    action: search.action,
    from: ordered ? from : undefined,
    to: ordered ? to : undefined,
  };
}

/** "invoice.paid" → the choices "invoice.paid" and the family "invoice." ("Any invoice action"). */
export function actionChoices(actions: readonly string[]): { value: string; label: string }[] {
  const families = [...new Set(actions.map((a) => a.split('.')[0] as string))];
  return [
    ...families.map((family) => ({ value: `${family}.`, label: `Any ${family.replace(/_/g, ' ')} action` })),
    ...actions.map((action) => ({ value: action, label: action })),
  ];
}

/**
 * The Action select's choices, keeping the URL's action even when no entry has it yet, so the
 * filter in force is always shown (and can be cleared) rather than a blank box over an empty list.
 */
export function actionChoicesWith(actions: readonly string[], current: string | undefined) {
  const choices = actionChoices(actions);
  if (!current || choices.some((c) => c.value === current)) return choices;
  return [
    { value: current, label: current.endsWith('.') ? `Any ${familyName(current)} action` : current },
    ...choices,
  ];
}

const familyName = (family: string) => family.slice(0, -1).replace(/_/g, ' ');

/**
 * When an action filter matches no action the trail holds but names an entity type (for example
 * "invoice."), the entries about that entity are what was meant: the trail records a change under
 * the command that made it ("payment.succeeded" pays an invoice), with the invoice as its entity.
 */
export function entityTypeMeant(
  action: string | undefined,
  facets: { actions: readonly string[]; entityTypes: readonly string[] } | undefined,
): string | null {
  if (!action || !facets) return null;
  const known = action.endsWith('.')
    ? facets.actions.some((a) => a.startsWith(action))
    : facets.actions.includes(action);
  if (known) return null;
  const type = action.split('.')[0] ?? '';
  return facets.entityTypes.includes(type) ? type : null;
}
