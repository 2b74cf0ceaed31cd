import type Database from 'better-sqlite3';
import { formatMoney, money } from '../../../../shared/money';
import { LOCAL_EFFECTS } from './effects';
import { nameOfId, recordOfId } from './record-names';
import type { CommandDescription, LocalCommand, LocalEffects } from './types';

/**
 * How the outbox names every command: by its effect's own description when it has one, else
 * by a sentence made from the path and the records its input names, read from the replica
 * ("Pause the Pro subscription of Ada Lovelace"), so no queued command is "Customers · update".
 */

type Input = Record<string, unknown>;
type Name = (id: unknown) => string;

const quoted = (value: unknown) => (typeof value === 'string' && value ? `“${value}”` : '');
const amount = (value: unknown, currency: unknown) =>
  typeof value === 'number' && typeof currency === 'string' ? formatMoney(money(value, currency)) : '';

/** A sentence per command path, from its input and the names of the records it points at. */
const SENTENCES: Record<string, (input: Input, name: Name) => string> = {
  'tenants.create': (i) => `Create workspace ${quoted(i.name)}`,
  'tenants.rename': (i, n) => `Rename ${n(i.id)} to ${quoted(i.name)}`,
  'tenants.suspend': (i, n) => `Suspend ${n(i.id)}`,
  'tenants.reactivate': (i, n) => `Reactivate ${n(i.id)}`,
  'catalog.createFeature': (i) => `Create feature ${quoted(i.name)}`,
  'catalog.createProduct': (i) => `Create product ${quoted(i.name)}`,
  'catalog.updateProduct': (i, n) => `Edit ${n(i.id)}`,
  'catalog.archiveProduct': (i, n) => `Archive ${n(i.id)}`,
  'catalog.createPlan': (i, n) => `Create plan ${quoted(i.name)} in ${n(i.productId)}`,
  'catalog.updatePlan': (i, n) => `Edit ${n(i.id)}`,
  'catalog.archivePlan': (i, n) => `Archive ${n(i.id)}`,
  'catalog.setDefaultPlan': (i, n) => `Make ${n(i.id)} the default`,
  'catalog.createPrice': (i, n) =>
    `Add a ${amount(i.amount, i.currency)}/${String(i.interval)} price to ${n(i.planId)}`,
  'catalog.archivePrice': (i, n) => `Archive ${n(i.id)}`,
  'subscriptions.create': (i, n) => `Subscribe ${n(i.customerId)} to ${n(i.priceId)}`,
  'subscriptions.changePlan': (i, n) => `Change ${n(i.id)} to ${n(i.priceId)}`,
  'subscriptions.cancel': (i, n) => `Cancel ${n(i.id)}${i.when === 'period_end' ? ' at period end' : ''}`,
  'subscriptions.undoCancel': (i, n) => `Keep ${n(i.id)} (undo cancel)`,
  'subscriptions.pause': (i, n) => `Pause ${n(i.id)}`,
  'subscriptions.resume': (i, n) => `Resume ${n(i.id)}`,
  'invoices.void': (i, n) => `Void ${n(i.id)}`,
  'invoices.markUncollectible': (i, n) => `Mark ${n(i.id)} uncollectible`,
  'paymentMethods.add': (i, n) => `Add a card for ${n(i.customerId)}`,
  'paymentMethods.setDefault': (i, n) => `Make ${n(i.id)} the default card`,
  'paymentMethods.remove': (i, n) => `Remove ${n(i.id)}`,
  'testClocks.create': (i) => `Create test clock ${quoted(i.name)}`,
  'testClocks.attach': (i, n) => `Attach ${n(i.id)} to ${n(i.customerId)}`,
  'testClocks.advance': (i, n) =>
    `Advance ${n(i.id)}${typeof i.to === 'number' ? ` to ${new Date(i.to).toISOString().slice(0, 10)}` : ''}`,
  'recovery.updatePolicy': () => 'Change the payment recovery policy',
  'recovery.retryNow': (i, n) => `Retry payment of ${n(i.invoiceId)} now`,
  'recovery.pauseCustomer': (i, n) => `Pause payment recovery for ${n(i.customerId)}`,
  'recovery.resumeCustomer': (i, n) => `Resume payment recovery for ${n(i.customerId)}`,
  'recovery.markPaidOutOfBand': (i, n) => `Mark ${n(i.invoiceId)} paid outside Tollgate`,
  'emails.resend': (i, n) => `Resend ${n(i.id)}`,
  'emails.updateSettings': () => 'Change email sender settings',
  'stripeEvents.replay': (i) => `Replay Stripe event ${String(i.id)}`,
  'stripeEvents.setSecret': () => 'Set the Stripe webhook signing secret',
  'stripeBilling.startImport': () => 'Import from Stripe Billing',
  'jobs.retry': (i) => `Retry job ${String(i.id)}`,
  'jobs.release': (i) => `Release the lease of job ${String(i.id)}`,
  'webhooks.create': (i) => `Add webhook endpoint ${String(i.url)}`,
  'webhooks.setEnabled': (i, n) => `${i.enabled === false ? 'Disable' : 'Enable'} ${n(i.id)}`,
  'webhooks.update': (i, n) => `Edit ${n(i.id)}`,
  'webhooks.delete': (i, n) => `Delete ${n(i.id)}`,
  'webhooks.rotateSecret': (i, n) => `Roll the signing secret of ${n(i.id)}`,
  'webhooks.replay': (i) => `Resend webhook delivery ${String(i.id)}`,
  'accountAdmins.invite': (i, n) => `Invite ${String(i.email)} to administer ${n(i.customerId)}`,
  'accountAdmins.revokeInvitation': () => 'Revoke an account admin invitation',
  'accountAdmins.remove': (i, n) => `Remove ${n(i.userId)} as an admin of ${n(i.customerId)}`,
  'branding.saveDraft': (i, n) =>
    `Save a branding draft for ${typeof i.customerId === 'string' ? n(i.customerId) : 'the workspace'}`,
  'branding.publish': (i, n) =>
    `Publish the branding of ${typeof i.customerId === 'string' ? n(i.customerId) : 'the workspace'}`,
  'branding.restore': (i) => `Restore branding version ${String(i.id)}`,
  'accountBranding.saveDraft': () => 'Save a draft of your account’s branding',
  'accountBranding.publish': () => 'Publish your account’s branding',
  'accountBranding.restore': (i) => `Restore branding version ${String(i.id)} of your account`,

  'licensePolicies.create': (i) => `Create license policy ${quoted(i.name)}`,
  'licensePolicies.update': (i, n) => `Edit license policy ${n(i.id)}`,
  'licensePolicies.archive': (i, n) => `Archive license policy ${n(i.id)}`,
  'licenses.issue': (i, n) => `Issue license ${quoted(i.name)} to ${n(i.customerId)}`,
  'licenses.suspend': (i, n) => `Suspend license ${n(i.id)}`,
  'licenses.reinstate': (i, n) => `Reinstate license ${n(i.id)}`,
  'licenses.renew': (i, n) => `Renew license ${n(i.id)}`,
  'licenses.revoke': (i, n) => `Revoke license ${n(i.id)}`,
  'licenses.transfer': (i, n) => `Transfer license ${n(i.id)} to ${n(i.customerId)}`,
  'licenses.relink': (i, n) => `Link license ${n(i.id)} to subscription ${n(i.subscriptionId)}`,
  'licenses.revealKey': (i, n) => `Show the key of license ${n(i.id)}`,
  'licenses.rekey': (i, n) => `Give license ${n(i.id)} a new key`,
  'licenses.downloadFile': (i, n) => `Download the license file of ${n(i.id)}`,
  'licenses.machineFile': (i, n) => `Download the machine file of ${n(i.machineId)}`,
  'licenses.activateOffline': () => 'Activate a machine from an offline request file',
  'licensingKeys.list': () => 'Read the license signing keys',
  'licensingKeys.rotate': () => 'Rotate the license signing key',
  'licensingKeys.remove': (i) => `Remove license signing key ${String(i.kid)} (leaked)`,

  'accountLicenses.assignSeat': (i) => `Give ${String(i.email)} a seat on a license`,
  'accountLicenses.removeSeat': () => 'Remove a seat from a license',
  'accountLicenses.releaseMachine': () => 'Release a machine from a license',
  'accountLicenses.activateOffline': () => 'Activate a machine from an offline request',

  'admin.members.changeRole': (i, n) => `Make ${n(i.userId)} ${String(i.role)}`,
  'admin.members.remove': (i, n) => `Remove ${n(i.userId)} from the workspace`,
  'admin.platformMembers.changeRole': (i, n) => `Make ${n(i.userId)} platform ${String(i.role)}`,
  'admin.platformMembers.remove': (i, n) => `Remove ${n(i.userId)} from the platform`,
  'admin.invitations.create': (i) => `Invite ${String(i.email)} as ${String(i.role)}`,
  'admin.invitations.revoke': (i) => `Revoke invitation ${String(i.id)}`,
  'admin.apiKeys.create': (i) => `Create API key ${quoted(i.name)}`,
  'admin.apiKeys.revoke': (i) => `Revoke API key ${String(i.id)}`,
  'analyticsSettings.update': () => 'Change the analytics settings',
  'analyticsSettings.startRebuild': () => 'Rebuild the MRR movements and check them',
  'analyticsSettings.setFxRate': (i) =>
    `Set the ${String(i.base)}→${String(i.quote)} exchange rate of ${String(i.day)} to ${String(i.rate)}`,
  'analyticsSettings.importFxRates': () => 'Import exchange rates from a CSV file',
};

/** True when a path has its own sentence (the rest are named from the path's words). */
export function hasSentence(path: string): boolean {
  return Object.hasOwn(SENTENCES, path);
}

/** The input fields that point at the record a command acts on, most specific first. */
const RECORD_FIELDS = ['id', 'paymentId', 'invoiceId', 'customerId', 'planId', 'productId', 'userId'];

/** "subscriptions.undoCancel" → "Subscriptions: undo cancel", for a path no sentence knows. */
function sentenceFromPath(path: string): string {
  const parts = path.split('.');
  const action = (parts.pop() ?? path).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const area = parts.join(' ').replace(/([a-z])([A-Z])/g, '$1 $2');
  return area ? `${area.charAt(0).toUpperCase()}${area.slice(1)}: ${action}` : action;
}

function fallbackDescription(sqlite: Database.Database, path: string, input: unknown): CommandDescription {
  const fields: Input = typeof input === 'object' && input !== null ? (input as Input) : {};
  const name: Name = (id) => nameOfId(sqlite, id);
  const sentence = SENTENCES[path];
  const recordId = RECORD_FIELDS.map((field) => fields[field]).find((v) => typeof v === 'string');
  const record = typeof recordId === 'string' ? recordOfId(recordId) : null;
  if (sentence) return { label: sentence(fields, name), record };
  const label = sentenceFromPath(path);
  return { label: typeof recordId === 'string' ? `${label} ${name(recordId)}` : label, record };
}

/**
 * Names a command for the outbox and the console, reading the replica as it is before the
 * command's effect. An effect that cannot describe its input (it no longer parses after an
 * upgrade) falls back to the sentence from the path, so naming never fails a command.
 */
export function describeCommand(
  sqlite: Database.Database,
  path: string,
  command: LocalCommand,
  effects: LocalEffects = LOCAL_EFFECTS,
): CommandDescription {
  const effect = effects[path];
  if (effect) {
    try {
      return effect.describe(sqlite, command);
    } catch {
      // Named below from the path instead.
    }
  }
  return fallbackDescription(sqlite, path, command.input);
}
