import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { startLoop, type Loop } from '../../lib/loop';
import { dispatchBillingEvents, type DispatchReport } from './dispatch';
import type { Mailer } from './mailer';
import { sendDueEmails, type SendPolicy, type SendReport } from './send';

export interface EmailDeps {
  db: Kysely<DB>;
  /** Wall time: emails go out now, whatever test clock their events happened on. */
  clock: Clock;
  logger: Logger;
  /** null: emails are held in the outbox (no SMTP configured, or `holdReason`). */
  mailer: Mailer | null;
  /** Why emails are held when there is no mailer; "no SMTP server is configured" by default. */
  holdReason?: string;
  policy?: SendPolicy;
}

/** One pass: new billing events become emails, then the due emails are sent (or held). */
export async function runEmailPass(deps: EmailDeps): Promise<DispatchReport & SendReport> {
  const dispatched = await dispatchBillingEvents(deps.db, { now: deps.clock.now(), logger: deps.logger });
  const sent = await sendDueEmails(deps.db, deps.mailer, {
    clock: () => deps.clock.now(),
    logger: deps.logger,
    policy: deps.policy,
    holdReason: deps.holdReason,
  });
  return { ...dispatched, ...sent };
}

/** Runs a pass every `intervalMs` until stopped; only the authority for its tenants runs this. */
export function startEmailLoop(deps: EmailDeps, intervalMs = 2000): Loop {
  const loop = startLoop({
    name: 'email pass',
    logger: deps.logger,
    intervalMs,
    pass: () => runEmailPass(deps),
  });
  return {
    stop: async () => {
      await loop.stop();
      deps.mailer?.close();
    },
  };
}
