import type { Kysely } from 'kysely';
import type { Page } from '../../../shared/page';
import type { DB } from '../../db/schema';
import { DomainError } from '../../lib/errors';
import { decodeCursor, encodeCursor } from '../../lib/keyset-cursor';
import { NO_TOTAL } from '../../lib/keyset-page';
import { auditHistoryOf, type EntitySet } from '../audit';
import { customerBillingObjects, type CustomerCard } from '../billing';
import { getCustomer } from '../customers';
import { emailsOfCustomer, type CustomerEmail } from '../emails';
import { factsOf, type TimelineEntry } from './facts';
import { describePlans } from './plans';

/**
 * Three sources, merged newest first. At one moment, emails come before card notices, which
 * come before audit entries: an email is written after the change it tells of.
 */
const RANK = { audit: 0, card: 1, email: 2 } as const;
type Rank = (typeof RANK)[keyof typeof RANK];

/** A place in the merged order: time, then source, then the source's own key. */
interface Position {
  at: number;
  rank: Rank;
  key: string;
}

const SEQ_DIGITS = 15;
const auditKey = (seq: number) => String(seq).padStart(SEQ_DIGITS, '0');

function olderThan(row: Position, cursor: Position | null): boolean {
  if (!cursor) return true;
  if (row.at !== cursor.at) return row.at < cursor.at;
  if (row.rank !== cursor.rank) return row.rank < cursor.rank;
  return row.key < cursor.key;
}

const newestFirst = (a: Position, b: Position) => (olderThan(a, b) ? 1 : olderThan(b, a) ? -1 : 0);

function readCursor(text: string | null | undefined): Position | null {
  if (!text) return null;
  const { value, id } = decodeCursor(text);
  const [rank, key] = [Number(id.slice(0, 1)), id.slice(2)];
  if (typeof value !== 'number' || ![0, 1, 2].includes(rank) || id[1] !== ':' || !key) {
    throw new DomainError('INVALID_INPUT', 'The page cursor is not valid; reload the timeline', {
      cursor: ['not a cursor this timeline produced'],
    });
  }
  return { at: value, rank: rank as Rank, key };
}

/** The first day of the month a card stops working: from then on it is "expiring". */
const expiringFrom = (card: CustomerCard) => Date.UTC(card.expYear, card.expMonth - 1, 1);

function cardNotices(cards: readonly CustomerCard[], now: number): (Position & { entry: TimelineEntry })[] {
  return cards
    .filter((card) => card.active && expiringFrom(card) <= now)
    .map((card) => {
      const at = expiringFrom(card);
      const entry: TimelineEntry = {
        id: `${card.id}:expiring`,
        at,
        kind: 'card.expiring',
        actorName: null,
        money: null,
        detail: { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear },
        changes: [],
        link: null,
      };
      return { at, rank: RANK.card, key: card.id, entry };
    });
}

function emailEntry(email: CustomerEmail): TimelineEntry {
  const kind = (
    { sent: 'email.sent', held: 'email.held', failed: 'email.failed', pending: 'email.queued' } as const
  )[email.status];
  return {
    id: email.id,
    at: email.createdAt,
    kind,
    actorName: null,
    money: null,
    detail: {
      subject: email.subject,
      template: email.template,
      recipient: email.recipient,
      sentAt: email.sentAt,
      problem: email.lastError,
    },
    changes: [],
    link: { to: 'email', id: email.id },
  };
}

export interface TimelineQuery {
  customerId: string;
  cursor?: string | null;
  limit: number;
  /** Billing lines (subscriptions, invoices, payments, cards, recovery, emails) need billing.read. */
  withBilling: boolean;
  now: number;
}

/** Not counted: the lines are merged from several sources as the page is read. */
export type TimelinePage = Page<TimelineEntry>;

/**
 * Everything that happened to a customer and their subscriptions, invoices, payments,
 * refunds, cards, recoveries and emails, newest first, a page at a time. Built from the
 * audit trail (each entry read as the change between snapshots), the email outbox and the
 * cards' expiry; each source is read through its owning module.
 */
export async function customerTimeline(
  db: Kysely<DB>,
  tenantId: string,
  query: TimelineQuery,
): Promise<TimelinePage> {
  await getCustomer(db, tenantId, query.customerId);
  const objects = query.withBilling ? await customerBillingObjects(db, tenantId, query.customerId) : null;
  const sets: EntitySet[] = [{ type: 'customer', ids: [query.customerId] }];
  if (objects)
    for (const [type, ids] of Object.entries(objects.ids)) if (ids.length) sets.push({ type, ids });
  const cards = objects ? cardNotices(objects.cards, query.now) : [];

  const items: TimelineEntry[] = [];
  let cursor = readCursor(query.cursor);
  // Bookkeeping entries say nothing on their own, so a page reads on until it has enough lines.
  for (let round = 0; round < 5 && items.length < query.limit; round++) {
    const take = query.limit + 1;
    const [audit, emails] = await Promise.all([
      auditHistoryOf(db, tenantId, sets, cursor && { at: cursor.at, seq: auditSeqBefore(cursor) }, take),
      objects
        ? emailsOfCustomer(db, tenantId, query.customerId, cursor && emailBefore(cursor), take)
        : Promise.resolve([]),
    ]);
    const merged = [
      ...audit.map((e) => ({
        at: e.at,
        rank: RANK.audit,
        key: auditKey(e.seq),
        entries: () => factsOf(e, objects?.paymentAmounts ?? new Map()),
      })),
      ...emails.map((e) => ({
        at: e.createdAt,
        rank: RANK.email,
        key: e.id,
        entries: () => [emailEntry(e)],
      })),
      ...cards.filter((c) => olderThan(c, cursor)).map((c) => ({ ...c, entries: () => [c.entry] })),
    ].sort(newestFirst);
    const page = merged.slice(0, take - 1);
    for (const row of page) items.push(...row.entries());
    const last = page.at(-1);
    cursor = merged.length > page.length && last ? { at: last.at, rank: last.rank, key: last.key } : null;
    if (!cursor) break;
  }
  await describePlans(db, tenantId, items);
  return {
    items,
    nextCursor: cursor ? encodeCursor({ value: cursor.at, id: `${cursor.rank}:${cursor.key}` }) : null,
    ...NO_TOTAL,
  };
}

/** Audit rows after a cursor: at an equal time, all of them if the cursor is in a later-ranked source. */
function auditSeqBefore(cursor: Position): number {
  return cursor.rank === RANK.audit ? Number(cursor.key) : Number.MAX_SAFE_INTEGER;
}

/** Emails after a cursor: at an equal time, none if the cursor is in an earlier-ranked source. */
function emailBefore(cursor: Position): { at: number; id: string } {
  return cursor.rank === RANK.email ? { at: cursor.at, id: cursor.key } : { at: cursor.at, id: '' };
}
