import type { LicenseState, ValidationRequest } from './decision';
import type { FileContent } from './files';
import type { Policy } from './policy';

/** A moment to test at, and helpers to build states around it. */
export const NOW = Date.UTC(2026, 11, 7, 12, 0);
export const HOUR_MS = 3_600_000;

/** A floating policy with every limit switched on, under which `baseState()` validates as VALID. */
export function basePolicy(overrides: Partial<Policy> = {}): Policy {
  return {
    id: 'pol_base',
    planId: 'pln_team',
    duration: { kind: 'SUBSCRIPTION' },
    machineMode: 'FLOATING',
    maxMachines: 4,
    maxUsers: 4,
    expirationStrategy: 'RESTRICT',
    checkInIntervalSeconds: 7 * 24 * 3600,
    heartbeatTtlSeconds: 600,
    overageStrategy: 'NONE',
    pastDueAction: 'OVERDUE',
    usageLimits: [
      { metric: 'api_calls', limit: 1000, rule: { kind: 'BLOCK' } },
      { metric: 'course_hours', limit: 100, rule: { kind: 'BILL', unitPrice: 250, currency: 'USD' } },
    ],
    ...overrides,
  };
}

export function machine(index: number, lastHeartbeatAt: number | null = NOW - 60_000) {
  return { id: `mch_${index}`, fingerprint: `fp-${index}`, activatedAt: NOW - 30 * HOUR_MS, lastHeartbeatAt };
}

export function baseState(overrides: Partial<LicenseState> = {}): LicenseState {
  return {
    id: 'lic_base',
    productId: 'prd_learning',
    suspended: false,
    createdAt: NOW - 40 * HOUR_MS,
    expiresAt: NOW + 30 * 24 * HOUR_MS,
    lastCheckInAt: NOW - HOUR_MS,
    pastDueGraceEndsAt: null,
    entitlements: ['offline', 'courses'],
    machines: [machine(0), machine(1)],
    users: ['usr_a', 'usr_b'],
    usage: { api_calls: 10, course_hours: 5 },
    ...overrides,
  };
}

export function baseRequest(overrides: Partial<ValidationRequest> = {}): ValidationRequest {
  return {
    key: 'TG1.k1.payload.sig',
    fingerprint: 'fp-0',
    scope: { product: 'prd_learning', entitlements: ['offline'], user: 'usr_a' },
    ...overrides,
  };
}

/** The content of a license file for the base license, issued an hour ago for a day. */
export function fileContent(overrides: Partial<FileContent> = {}): FileContent {
  return {
    version: 1,
    kind: 'license',
    issuedAt: NOW - HOUR_MS,
    ttlSeconds: 24 * 3600,
    license: {
      id: 'lic_base',
      tenantId: 'ten_acme',
      customerId: 'cus_northwind',
      name: 'Northwind Academy — Team',
      productId: 'prd_learning',
      expiresAt: NOW + 30 * 24 * HOUR_MS,
      entitlements: ['offline', 'courses'],
    },
    policy: basePolicy(),
    branding: {
      productName: 'Northwind Learn',
      colors: { primary: '#1f6feb', accent: '#f78166', background: '#ffffff', text: '#1f2328' },
      logo: { url: 'https://learn.northwind.example/logo.svg' },
      customDomain: 'learn.northwind.example',
    },
    machine: null,
    ...overrides,
  };
}

export function machineFileContent(fingerprint = 'fp-0'): FileContent {
  return fileContent({
    kind: 'machine',
    machine: { id: 'mch_0', fingerprint, name: 'Lab PC 3', platform: 'win32-x64' },
  });
}
