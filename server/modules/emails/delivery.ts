import type { SmtpConfig } from './config';
import type { EmailDeps } from './loop';
import { smtpMailer } from './mailer';
import { NO_SMTP } from './send';

export const DEMO_HOLD = 'Not sent: the demo workspace never emails its made-up customers';

/**
 * How a backend delivers: over SMTP when configured, else emails are held. The demo
 * workspace's customers are invented but their addresses look real (gmail.com…), so its
 * emails are held even with SMTP configured.
 */
export function emailDelivery(
  smtp: SmtpConfig | null,
  workspace: { demo: boolean },
): Pick<EmailDeps, 'mailer' | 'holdReason'> {
  if (!smtp) return { mailer: null, holdReason: NO_SMTP };
  if (workspace.demo) return { mailer: null, holdReason: DEMO_HOLD };
  return { mailer: smtpMailer(smtp) };
}
