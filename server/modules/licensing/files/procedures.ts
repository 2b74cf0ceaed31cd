import {
  activateOfflineInput,
  licenseFileInput,
  machineFileInput,
} from '../../../../shared/licensing/schema';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { runCommand, type CommandScope } from '../../../commands/run-command';
import { tenantProcedure } from '../../../trpc/base';
import { activateOffline } from './offline';
import { licenseFileFor, machineFileFor, type IssuedFile } from './service';

/**
 * Staff download a license's or a machine's offline file. Mutations, not queries: only the
 * server holds the signing key, so a connected desktop forwards them; each issue is audited
 * (which file, encrypted or not — never its text).
 */
function audited(
  scope: CommandScope,
  entity: { type: string; id: string },
  encrypt: boolean,
  make: (trx: Transaction<DB>, now: number) => Promise<IssuedFile>,
): Promise<IssuedFile> {
  return runCommand(scope, `${entity.type}.issued`, async (trx, now) => {
    const file = await make(trx, now);
    const after = { fileName: file.fileName, encrypted: encrypt, issuedAt: now };
    return { result: file, changes: [{ entityType: entity.type, entityId: entity.id, before: null, after }] };
  });
}

export const licenseFileCommands = {
  downloadFile: tenantProcedure('licensing.manage')
    .input(licenseFileInput)
    .mutation(({ ctx, input }) =>
      audited(ctx, { type: 'license_file', id: input.id }, input.encrypt, (trx, now) =>
        licenseFileFor(trx, ctx.tenantId, input.id, { encrypt: input.encrypt, now }),
      ),
    ),
  machineFile: tenantProcedure('licensing.manage')
    .input(machineFileInput)
    .mutation(({ ctx, input }) =>
      audited(ctx, { type: 'machine_file', id: input.machineId }, input.encrypt, (trx, now) =>
        machineFileFor(trx, ctx.tenantId, input.machineId, { encrypt: input.encrypt, now }),
      ),
    ),
  // Staff upload a request file an air-gapped machine wrote, and get its machine file back.
  activateOffline: tenantProcedure('licensing.manage')
    .input(activateOfflineInput)
    .mutation(({ ctx, input }) => activateOffline(ctx, input)),
};
