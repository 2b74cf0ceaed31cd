import type { Kysely } from 'kysely';
import type { EntityChange } from '../commands/run-command';
import { serializeOn } from '../db/locks';
import type { DB } from '../db/schema';
import type { Logger } from '../lib/logger';
import { insertMembership, insertTenant, insertUser } from '../modules/tenants';
import { runAccountCommand } from './account-command';
import { storePasswordHash } from './credentials';
import { hashPassword, type ScryptParams } from './passwords';

/**
 * Makes the platform owner on a hosted server's first start, when no user exists yet, and
 * a first workspace when there is none: the console works inside a workspace, so an owner
 * with none could not reach the page where workspaces are created.
 * Afterwards the variables are ignored: the owner changes their password in the console,
 * and a restart must never reset it to what the environment still says.
 */
export async function bootstrapOwner(
  db: Kysely<DB>,
  input: { email: string; password: string; now: number; scrypt: ScryptParams; logger: Logger },
): Promise<{ created: boolean }> {
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) return { created: false };
  const passwordHash = await hashPassword(input.password, input.scrypt);
  const name = input.email.split('@')[0] ?? 'Owner';
  const created = await runAccountCommand(
    {
      db,
      now: input.now,
      actor: { userId: null, name: 'Server setup', client: 'system:bootstrap' },
      tenantId: null,
    },
    'user.bootstrapped',
    async (trx, now) => {
      // Instances starting together all find no user: the first makes the owner, the others
      // wait here, then find it made (PostgreSQL; SQLite's single writer needs no turn-taking).
      await serializeOn(trx, 'bootstrap-owner');
      if (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst()) {
        return { result: null, changes: [] };
      }
      const user = await insertUser(trx, { email: input.email, name, now });
      await storePasswordHash(trx, { userId: user.id, passwordHash, now });
      await insertMembership(trx, { userId: user.id, tenantId: null, role: 'owner', now });
      const changes: EntityChange[] = [
        { entityType: 'user', entityId: user.id, before: null, after: { ...user, role: 'owner' } },
      ];
      const anyTenant = await trx.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
      if (!anyTenant) {
        const tenant = await insertTenant(trx, { name: 'My workspace', slug: 'workspace', now });
        changes.push({
          entityType: 'tenant',
          entityId: tenant.id,
          before: null,
          after: { ...tenant },
        });
      }
      return { result: user, changes };
    },
  );
  if (!created) return { created: false };
  input.logger.info({ email: input.email }, 'created the platform owner');
  return { created: true };
}
