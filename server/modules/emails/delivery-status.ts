import type { EmailDeliveryState } from '../../../shared/emails/smtp-settings';
import type { Services } from '../../trpc/context';
import { readSetting } from '../tenants';

/**
 * Whether emails leave this backend, in the order `emailDelivery` decides it: the demo holds
 * them whatever is configured, else SMTP sends them or they are held. A connected desktop
 * sends nothing itself (the hosted server does), so it has nothing to warn about.
 */
export async function emailDeliveryStatus(
  services: Pick<Services, 'db' | 'mode' | 'smtpConfigured'>,
): Promise<{ state: EmailDeliveryState; smtpConfigured: boolean }> {
  const smtpConfigured = services.smtpConfigured === true;
  if (services.mode === 'connected' || services.mode === 'offline')
    return { state: 'server', smtpConfigured };
  if ((await readSetting(services.db, 'workspace.demo')) === 'true')
    return { state: 'held_demo', smtpConfigured };
  return { state: smtpConfigured ? 'sending' : 'held_no_smtp', smtpConfigured };
}
