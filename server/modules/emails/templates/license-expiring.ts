import { emailDate } from './format';
import type { EmailContent } from './layout';

export interface LicenseExpiringFacts {
  recipientName: string;
  /** The customer (company) whose license it is. */
  accountName: string;
  licenseName: string;
  /** The key's last characters, as the console shows them (never the key). */
  keyHint: string;
  expiresAt: number;
  /** The reminder: 30, 7 or 1 days ahead. */
  days: number;
  /** Whether it renews with its subscription (unless that is canceled before). */
  renewsWithSubscription: boolean;
}

const inDays = (days: number) => (days === 1 ? 'within a day' : `within ${days} days`);

/** To an account's admins, 30, 7 and 1 days before one of its licenses expires (docs/licensing.md). */
export function licenseExpiringEmail(f: LicenseExpiringFacts, senderName: string): EmailContent {
  const expires = emailDate(f.expiresAt);
  return {
    subject: `${f.accountName}'s license ${f.licenseName} expires on ${expires}`,
    heading: `A license expires ${inDays(f.days)}`,
    paragraphs: [
      `Hello ${f.recipientName},`,
      `${f.accountName}'s license ${f.licenseName} (key ending ${f.keyHint}) from ${senderName} expires on ${expires}.`,
      f.renewsWithSubscription
        ? 'It renews with your subscription; if the subscription renews before then, nothing needs doing.'
        : `To keep using it after that, renew it with ${senderName} before it expires.`,
    ],
    facts: [
      { label: 'License', value: f.licenseName },
      { label: 'Expires', value: expires },
    ],
    callout: 'Machines and users on this license keep working until it expires.',
  };
}
