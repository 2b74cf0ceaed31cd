import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A Storage stand-in: the unit tests run in Node, where there is no localStorage. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

beforeEach(() => {
  vi.resetModules();
  vi.stubGlobal('localStorage', memoryStorage());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('active tenant', () => {
  it('remembers a chosen tenant across a restart, but not the one a session merely opened in', async () => {
    const first = await import('./active-tenant');
    first.setActiveTenant('ten_A');
    expect(first.activeTenant()).toBe('ten_A');
    expect(first.hasChosenTenant()).toBe(false);
    first.chooseTenant('ten_B');

    vi.resetModules();
    const restarted = await import('./active-tenant');
    expect(restarted.activeTenant()).toBe('ten_B');
    expect(restarted.hasChosenTenant()).toBe(true);
  });

  it('forgets the choice when cleared', async () => {
    const tenant = await import('./active-tenant');
    tenant.chooseTenant('ten_B');
    tenant.clearActiveTenant();
    expect(tenant.activeTenant()).toBeNull();
    vi.resetModules();
    expect((await import('./active-tenant')).activeTenant()).toBeNull();
  });
});
