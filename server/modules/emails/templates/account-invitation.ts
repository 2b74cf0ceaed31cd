import { emailDate } from './format';
import type { EmailContent } from './layout';

export interface AccountInvitationFacts {
  /** Who it is addressed to: their address, until they choose the name they go by. */
  recipientName: string;
  /** The customer (company) whose account the reader is invited to administer. */
  accountName: string;
  /** Who invited them, as the workspace's staff member is named. */
  invitedBy: string;
  /** Where the one-time code goes: its marker (emails/repo/secrets.ts), filled in only when the email is sent. */
  code: string;
  expiresAt: number;
}

/** To a person at a customer: they may now administer their company's account (decision 145). */
export function accountInvitationEmail(f: AccountInvitationFacts, senderName: string): EmailContent {
  return {
    subject: `You are invited to manage ${f.accountName}'s account with ${senderName}`,
    heading: `Manage ${f.accountName}'s account`,
    paragraphs: [
      `Hello ${f.recipientName},`,
      `${f.invitedBy} at ${senderName} invited you to administer ${f.accountName}'s account: its subscriptions, invoices and receipts, and the cards on file.`,
      `To accept, open Tollgate, choose Connect, then "I have an invitation", and enter ${senderName}'s server address with the code below. You then choose your name and a password; an account you already have keeps its password.`,
    ],
    facts: [
      { label: 'Invitation code', value: f.code },
      { label: 'Valid until', value: emailDate(f.expiresAt) },
    ],
    callout: 'The code works once. If you did not expect this email, you can ignore it.',
  };
}
