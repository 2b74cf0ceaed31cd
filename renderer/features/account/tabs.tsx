import type { ReactNode } from 'react';
import { AccountOverview } from './AccountOverview';
import { LicensesTab } from './licenses/LicensesTab';
import type { AccountOverviewData } from './types';

/**
 * My account's tabs, in order: one entry per area an account admin administers. Another
 * area (Branding) adds its entry here, its panel its own component.
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
