import { describe, expect, it } from 'vitest';
import { licenseListInput, parseLicensesSearch } from './list-search';

const TODAY = Date.UTC(2026, 11, 7);
const ID = '01JABCDEFGHJKMNPQRSTVWXYZ0';

describe('the Licenses list in the URL', () => {
  it('keeps what is valid and drops what a hand-edited URL gets wrong', () => {
    expect(
      parseLicensesSearch({
        status: 'SUSPENDED',
        policy: `lpo_${ID}`,
        customer: `cus_${ID}`,
        within: 30,
        sort: 'expiresAt',
        dir: 'desc',
      }),
    ).toEqual({
      status: 'SUSPENDED',
      policy: `lpo_${ID}`,
      customer: `cus_${ID}`,
      within: 30,
      sort: 'expiresAt',
      dir: 'desc',
    });
    expect(
      parseLicensesSearch({
        status: 'LOST',
        policy: 'x',
        customer: 'lic_1',
        within: 12,
        sort: 'name',
        dir: 'up',
      }),
    ).toEqual({});
  });

  it('asks newest first by default, soonest expiry first when sorting by expiry, and ends a window at a day end', () => {
    expect(licenseListInput({}, TODAY)).toEqual({
      status: null,
      policyId: null,
      customerId: null,
      expiringBefore: null,
      sort: { field: 'createdAt', direction: 'desc' },
    });
    const expiring = licenseListInput({ sort: 'expiresAt', within: 7 }, TODAY);
    expect(expiring.sort).toEqual({ field: 'expiresAt', direction: 'asc' });
    expect(expiring.expiringBefore).toBe(Date.UTC(2026, 11, 15));
  });

  it('asks the list, and so the export, for the policy chosen in the URL', () => {
    expect(licenseListInput({ policy: `lpo_${ID}`, status: 'ACTIVE' }, TODAY)).toMatchObject({
      policyId: `lpo_${ID}`,
      status: 'ACTIVE',
    });
  });
});
