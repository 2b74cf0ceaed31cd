import {
  byLicenseId,
  byLicenseVersion,
  licenseIssueInput,
  licenseRelinkInput,
  licenseRevokeInput,
  licenseSuspendInput,
  licenseTransferInput,
} from '../../../../shared/licensing/schema';
import { tenantProcedure } from '../../../trpc/base';
import { forgetLicenseView } from '../api/view';
import { licenseFileCommands } from '../files/procedures';
import { issueLicense } from './issue';
import { reinstateLicense, renewLicense, revealLicenseKey, revokeLicense, suspendLicense } from './lifecycle';
import { rekeyLicense } from './rekey';
import { relinkLicense } from './relink';
import { transferLicense } from './transfer';

/**
 * The validation API keeps a license's view for a few seconds (api/view.ts): a staff change
 * that decides validity drops this server's copy once it is done, so it answers at once here.
 */
async function forgettingView<T>(licenseId: string, change: Promise<T>): Promise<T> {
  try {
    return await change;
  } finally {
    forgetLicenseView(licenseId);
  }
}

/** Staff actions on licenses (issue, suspend, renew, revoke, transfer, relink, re-key…), spread into `licenses`. */
export const licenseCommands = {
  // The key is shown once, here: a desktop's outbox never keeps it (server/trpc/secrets.ts).
  issue: tenantProcedure('licensing.manage', { secrets: { result: ['key'] } })
    .input(licenseIssueInput)
    .mutation(({ ctx, input }) => issueLicense(ctx, input)),
  suspend: tenantProcedure('licensing.manage')
    .input(licenseSuspendInput)
    .mutation(({ ctx, input }) => forgettingView(input.id, suspendLicense(ctx, input))),
  reinstate: tenantProcedure('licensing.manage')
    .input(byLicenseVersion)
    .mutation(({ ctx, input }) => forgettingView(input.id, reinstateLicense(ctx, input))),
  renew: tenantProcedure('licensing.manage')
    .input(byLicenseVersion)
    .mutation(({ ctx, input }) => forgettingView(input.id, renewLicense(ctx, input))),
  revoke: tenantProcedure('licensing.manage')
    .input(licenseRevokeInput)
    .mutation(({ ctx, input }) => forgettingView(input.id, revokeLicense(ctx, input))),
  transfer: tenantProcedure('licensing.manage')
    .input(licenseTransferInput)
    .mutation(({ ctx, input }) => forgettingView(input.id, transferLicense(ctx, input))),
  relink: tenantProcedure('licensing.manage')
    .input(licenseRelinkInput)
    .mutation(({ ctx, input }) => forgettingView(input.id, relinkLicense(ctx, input))),
  // A mutation, not a query: only the server holds the sealed key, so a desktop forwards it.
  revealKey: tenantProcedure('licensing.manage', { secrets: { result: ['key'] } })
    .input(byLicenseId)
    .mutation(({ ctx, input }) => revealLicenseKey(ctx, input.id)),
  // A leaked key's replacement, shown once like an issued key; the old one is NOT_FOUND at once.
  rekey: tenantProcedure('licensing.manage', { secrets: { result: ['key'] } })
    .input(byLicenseVersion)
    .mutation(({ ctx, input }) => forgettingView(input.id, rekeyLicense(ctx, input))),
  ...licenseFileCommands,
};
