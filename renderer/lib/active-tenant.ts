/**
 * The tenant the console works in, sent as `x-tollgate-tenant` on every request once the
 * session is known. Before that the server uses the principal's first tenant, which is
 * also what the session reports, so the first requests and later ones agree.
 *
 * A tenant chosen with the switcher is remembered on this computer, so a reload opens
 * where the user left off; if it can no longer be entered, the session forgets it.
 */
const STORAGE_KEY = 'tollgate.activeTenant';

function stored(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    // Storage can be refused (private windows, policies): the choice then lasts this page only.
    return null;
  }
}

function remember(tenantId: string | null): void {
  try {
    if (tenantId === null) globalThis.localStorage?.removeItem(STORAGE_KEY);
    else globalThis.localStorage?.setItem(STORAGE_KEY, tenantId);
  } catch {
    // As above: not remembered, still used.
  }
}

let activeTenantId: string | null = stored();

/** The tenant the session opened in: used from now on, not remembered (no choice was made). */
export function setActiveTenant(tenantId: string): void {
  activeTenantId = tenantId;
}

/** A tenant the user chose: used from now on, and remembered for the next start. */
export function chooseTenant(tenantId: string): void {
  activeTenantId = tenantId;
  remember(tenantId);
}

export function activeTenant(): string | null {
  return activeTenantId;
}

/** Whether requests name a tenant the user chose earlier (which may have since gone). */
export function hasChosenTenant(): boolean {
  return stored() !== null;
}

/** Forgets the tenant when the backend's data changes wholesale (connecting to a server, or back). */
export function clearActiveTenant(): void {
  activeTenantId = null;
  remember(null);
}
