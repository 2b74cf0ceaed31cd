/**
 * The tenant the console works in, sent as `x-tollgate-tenant` on every request once the
 * session is known. Before that the server uses the principal's first tenant, which is
 * also what the session reports, so the first requests and later ones agree.
 */
let activeTenantId: string | null = null;

export function setActiveTenant(tenantId: string): void {
  activeTenantId = tenantId;
}

export function activeTenant(): string | null {
  return activeTenantId;
}

/** Forgets the tenant when the backend's data changes wholesale (connecting to a server, or back). */
export function clearActiveTenant(): void {
  activeTenantId = null;
}
