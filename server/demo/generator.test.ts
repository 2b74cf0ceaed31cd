import { describe, expect, it } from 'vitest';
import { customerCreateInput } from '../../shared/customers/schema';
import { generateCustomers } from './generator';

const NOW = Date.UTC(2026, 10, 1);

describe('demo customer generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = [...generateCustomers({ seed: 7, count: 50, now: NOW })];
    const b = [...generateCustomers({ seed: 7, count: 50, now: NOW })];
    const c = [...generateCustomers({ seed: 8, count: 50, now: NOW })];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('makes customers the console would accept, with unique emails, inside the span', () => {
    const customers = [...generateCustomers({ seed: 1, count: 5000, now: NOW, spanDays: 365 })];
    expect(new Set(customers.map((c) => c.email)).size).toBe(customers.length);
    for (const c of customers) {
      const parsed = customerCreateInput.safeParse({
        name: c.name,
        email: c.email,
        country: c.country,
        company: c.company,
      });
      expect(parsed.success, `${c.name} <${c.email}>`).toBe(true);
      expect(c.createdAt).toBeGreaterThanOrEqual(NOW - 365 * 86_400_000);
      expect(c.createdAt).toBeLessThan(NOW);
    }
    expect(new Set(customers.map((c) => c.country)).size).toBeGreaterThan(20);
  });
});
