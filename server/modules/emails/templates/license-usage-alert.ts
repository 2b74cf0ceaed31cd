import { emailMoney } from './format';
import type { EmailContent } from './layout';

export interface LicenseUsageAlertFacts {
  recipientName: string;
  /** The customer (company) whose license it is. */
  accountName: string;
  licenseName: string;
  metric: string;
  /** The usage period: 'YYYY-MM', or the subscription period's first day. */
  period: string;
  used: number;
  limit: number;
  /** The threshold passed: 80 or 100 (% of the limit). */
  percent: number;
  /** What happens past the limit, as the policy says. */
  rule:
    | { kind: 'BLOCK' }
    | { kind: 'BILL'; unitPrice: number; currency: string }
    | { kind: 'ALLOW_MULTIPLE'; percent: number };
}

function pastTheLimit(f: LicenseUsageAlertFacts): string {
  switch (f.rule.kind) {
    case 'BLOCK':
      return `Past ${f.limit} the license refuses further ${f.metric} until the next period.`;
    case 'BILL':
      return `Each unit past ${f.limit} is billed at ${emailMoney(f.rule.unitPrice, f.rule.currency)} on your next invoice.`;
    case 'ALLOW_MULTIPLE':
      return `Usage may go on up to ${f.rule.percent} % of the limit (${Math.floor((f.limit * f.rule.percent) / 100)}); past that it is refused.`;
  }
}

/** To an account's admins when a license's usage of a metric passes 80 % and 100 % of its limit in a period. */
export function licenseUsageAlertEmail(f: LicenseUsageAlertFacts, senderName: string): EmailContent {
  const reached = f.percent >= 100 ? 'has reached its limit' : `is at ${f.percent} % of its limit`;
  return {
    subject: `${f.accountName}'s license ${f.licenseName}: ${f.metric} ${reached}`,
    heading: `Usage of ${f.metric} ${reached}`,
    paragraphs: [
      `Hello ${f.recipientName},`,
      `${f.accountName}'s license ${f.licenseName} from ${senderName} has used ${f.used} of ${f.limit} ${f.metric} in the period ${f.period}.`,
      pastTheLimit(f),
    ],
    facts: [
      { label: 'License', value: f.licenseName },
      { label: 'Metric', value: f.metric },
      { label: 'Used', value: `${f.used} of ${f.limit}` },
      { label: 'Period', value: f.period },
    ],
    callout: 'Alerts are sent at 80 % and at 100 % of a limit, once each per period.',
  };
}
