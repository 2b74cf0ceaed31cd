import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { BugIndicatingError } from '../../lib/errors';
import type { NewLine } from './repo/invoices';

/** A subscription as it was just written, in the words its licenses follow (docs/licensing.md). */
export interface SubscriptionTerms {
  id: string;
  customerId: string;
  planId: string;
  status: string;
  currentPeriodStart: number;
  currentPeriodEnd: number;
  cancelAtPeriodEnd: boolean;
  endedAt: number | null;
  /** When this write happened (billing's clock: the customer's test clock, if any). */
  updatedAt: number;
  managedBy: 'tollgate' | 'stripe';
}

/** A renewal invoice about to be issued: the period that just closed and the one it bills. */
export interface RenewalInvoice {
  subscriptionId: string;
  customerId: string;
  currency: string;
  /** The period that closed: usage in it (and any earlier period) is billed now. */
  closed: { start: number; end: number };
  now: number;
}

/**
 * What billing tells licensing, and asks of it. Licensing is built on billing (a license
 * follows its subscription), so billing cannot import it: billing declares this port,
 * server/modules/licensing implements it, and server/app/router.ts connects the two, as for
 * recovery and the MRR movements (decisions 93, 134).
 */
export interface LicensingPort {
  /** In the transaction of every write of an existing subscription: its licenses follow it. */
  afterSubscriptionWrite(db: Kysely<DB>, tenantId: string, terms: SubscriptionTerms): Promise<void>;
  /**
   * In the transaction that issues a subscription's renewal invoice: the lines of usage over
   * its licenses' BILL limits, marked billed in that same transaction (so never billed twice).
   */
  renewalLines(trx: Transaction<DB>, tenantId: string, invoice: RenewalInvoice): Promise<NewLine[]>;
}

let connected: LicensingPort | null = null;

/** Called once where the modules are assembled (server/app/router.ts). */
export function connectLicensing(port: LicensingPort): void {
  connected = port;
}

/** Licensing, as connected; using billing without it is a wiring mistake, not a state to carry on in. */
export function licensing(): LicensingPort {
  if (!connected) {
    throw new BugIndicatingError('Licensing is not connected to billing (server/app/router.ts connects it)');
  }
  return connected;
}
