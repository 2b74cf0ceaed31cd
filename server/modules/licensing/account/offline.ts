import { readActivationRequest } from '../../../../shared/licensing/activation';
import { DomainError, notFound } from '../../../lib/errors';
import { activateOffline, type OfflineActivation } from '../files/offline';
import type { AccountCommandScope } from './commands';

/**
 * An account admin uploads the request file an air-gapped machine of theirs wrote and gets its
 * machine file back: staff's offline activation (files/offline.ts: the key's proof, the
 * policy's ceiling, audited), for a license of the admin's own customer only — a request
 * naming any other license is "not found", before its proof is even looked at.
 */
export async function activateAccountOffline(
  scope: AccountCommandScope,
  input: { request: string; encrypt: boolean },
): Promise<OfflineActivation> {
  const read = readActivationRequest(input.request);
  if (!read.ok) {
    throw new DomainError('INVALID_INPUT', `The request file cannot be read: ${read.detail}`, {
      request: [read.detail],
    });
  }
  const own = await scope.db
    .selectFrom('licenses')
    .select('id')
    .where('tenant_id', '=', scope.tenantId)
    .where('customer_id', '=', scope.customerId)
    .where('id', '=', read.request.licenseId)
    .executeTakeFirst();
  if (!own) throw notFound('License');
  return activateOffline(scope, input);
}
