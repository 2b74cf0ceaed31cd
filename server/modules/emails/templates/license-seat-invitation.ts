import type { EmailContent } from './layout';

export interface LicenseSeatInvitationFacts {
  /** The seat holder, by the name their account admin gave (else their address). */
  recipientName: string;
  /** The customer (company) whose license the seat is on. */
  accountName: string;
  /** The license's name, as the account admin sees it in My account. */
  licenseName: string;
  /** Who gave the seat: the account admin (or staff member) by name. */
  assignedBy: string;
  /** What the app knows the holder as (`validate`'s user scope): the email, or the platform's user id. */
  userRef: string;
}

/**
 * To a person given a seat on their company's license. It carries no key or code: the seat
 * lets the app recognise them, and the license key stays with the company (decision 149).
 */
export function licenseSeatInvitationEmail(f: LicenseSeatInvitationFacts, senderName: string): EmailContent {
  return {
    subject: `You have a seat on ${f.accountName}'s ${f.licenseName} license`,
    heading: `A seat on ${f.licenseName}`,
    paragraphs: [
      `Hello ${f.recipientName},`,
      `${f.assignedBy} gave you a named seat on ${f.accountName}'s ${f.licenseName} license with ${senderName}.`,
      `Sign in to ${senderName}'s app as ${f.userRef}: the license now counts you as one of its users.`,
    ],
    facts: [
      { label: 'License', value: f.licenseName },
      { label: 'Signed in as', value: f.userRef },
    ],
    callout: `If you did not expect this, tell ${f.assignedBy} or ignore this email.`,
  };
}
