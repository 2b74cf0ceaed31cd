import type { ReactNode } from 'react';
import { AccountOverview } from './AccountOverview';
import { LicensesTab } from './licenses/LicensesTab';
import type { AccountOverviewData } from './types';

/**
 * My account's tabs, in order: one entry per part of the account an admin administers, each
 * panel its own component. Branding, an editor with previews, is a page of its own in the
 * account's navigation (AccountLayout).
 */
export const ACCOUNT_TABS: readonly [AccountTab, ...AccountTab[]] = [
  { value: 'overview', label: 'Overview', panel: (data) => <AccountOverview data={data} /> },
  { value: 'licenses', label: 'Licenses', panel: () => <LicensesTab /> },
];

export interface AccountTab {
  value: string;
  label: string;
  panel: (overview: AccountOverviewData) => ReactNode;
}
