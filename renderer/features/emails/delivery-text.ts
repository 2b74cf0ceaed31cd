import type { EmailDeliveryState } from '../../../shared/emails/smtp-settings';

/** What the Emails and Recovery pages say about held emails, or null when emails leave. */
export function heldEmailsNotice(state: EmailDeliveryState): { title: string; message: string } | null {
  switch (state) {
    case 'held_no_smtp':
      return {
        title: 'Emails are held: no SMTP server is configured',
        message:
          'Receipts, payment-failed and final notices are written to the outbox but not sent. To send them, set these variables in the environment of the Tollgate backend (the desktop app, or the hosted server) and restart it. Emails held until then stay held; send one again from its page.',
      };
    case 'held_demo':
      return {
        title: 'The demo workspace holds its emails on purpose',
        message:
          'Its customers are made up but their addresses look real, so nothing is sent from here, even with SMTP configured. In your own workspace, emails go out over SMTP once these variables are set in the backend’s environment.',
      };
    case 'sending':
    case 'server':
      return null;
  }
}
