/**
 * Prefixed, time-sortable ids made where the row is born (`cus_01JD…`), so replicas
 * never collide and ids sort by creation time. The body is a ULID: 48 bits of
 * milliseconds then 80 random bits, in Crockford base32. Within one millisecond the
 * random part is incremented, so ids made by one process stay strictly increasing.
 */

export const ID_PREFIXES = {
  tenant: 'ten',
  user: 'usr',
  membership: 'mem',
  customer: 'cus',
  audit: 'aud',
  product: 'prd',
  plan: 'pln',
  price: 'pri',
  subscription: 'sub',
  invoice: 'inv',
  invoiceLine: 'il',
  payment: 'pay',
  refund: 're',
  paymentMethod: 'pm',
  balanceTransaction: 'btx',
  testClock: 'clk',
  job: 'job',
  licenseMachine: 'lmc',
  licenseUsageEvent: 'lue',
  event: 'evt',
  dispute: 'dsp',
  email: 'eml',
  stripeImport: 'imp',
  stripeRequest: 'srq',
  session: 'ses',
  apiKey: 'apk',
  invitation: 'ivt',
  webhookEndpoint: 'we',
  webhookAttempt: 'wat',
  webhookSecret: 'whs',
  backup: 'bkp',
  mrrState: 'mrs',
  export: 'exp',
  accountMember: 'acm',
  accountInvitation: 'aiv',
  brandingVersion: 'brv',

  licensePolicy: 'lpo',
  license: 'lic',
  licenseSigningKey: 'lsk',

  licenseSeat: 'lse',

  // The course marketplace (migration 0036).
  instructor: 'ins',
  course: 'crs',
  courseVersion: 'cvr',
  courseDecision: 'cdc',
  coursePurchase: 'cpu',
  enrollment: 'enr',
  payoutRun: 'prn',
  payout: 'po',
  earningsLine: 'eln',
  courseReview: 'rvw',
  reviewReport: 'rrp',
} as const;

export type IdPrefix = (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES];
export type Id<P extends IdPrefix> = `${P}_${string}`;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;
const BODY_PATTERN = new RegExp(`^[${ALPHABET}]{${TIME_CHARS + RANDOM_CHARS}}$`);

interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

// Both Node 20 and browsers expose Web Crypto on globalThis; shared/ may not name either runtime.
const random = (globalThis as unknown as { crypto: RandomSource }).crypto;

let lastTime = -1;
let lastRandom: number[] = [];

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < TIME_CHARS; i++) {
    out = ALPHABET.charAt(rest % 32) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function freshRandom(): number[] {
  const bytes = random.getRandomValues(new Uint8Array(RANDOM_CHARS));
  return Array.from(bytes, (b) => b % 32);
}

function incremented(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    const digit = next[i] ?? 0;
    if (digit < 31) {
      next[i] = digit + 1;
      return next;
    }
    next[i] = 0;
  }
  // 80 bits overflowed inside one millisecond: practically impossible, and unsafe to ignore.
  throw new Error('id random part overflowed within one millisecond');
}

/** Makes a new id for the prefix, sortable by `nowMs` (defaults to the wall clock). */
export function newId<P extends IdPrefix>(prefix: P, nowMs: number = Date.now()): Id<P> {
  if (nowMs === lastTime) {
    lastRandom = incremented(lastRandom);
  } else {
    lastTime = nowMs;
    lastRandom = freshRandom();
  }
  return `${prefix}_${encodeTime(nowMs)}${lastRandom.map((d) => ALPHABET.charAt(d)).join('')}`;
}

/** True when `value` is a well-formed id with this prefix. */
export function isId<P extends IdPrefix>(prefix: P, value: string): value is Id<P> {
  return value.startsWith(`${prefix}_`) && BODY_PATTERN.test(value.slice(prefix.length + 1));
}

/** The creation time encoded in an id. */
export function idTime(id: string): number {
  const body = id.slice(id.indexOf('_') + 1, id.indexOf('_') + 1 + TIME_CHARS);
  let ms = 0;
  for (const char of body) ms = ms * 32 + ALPHABET.indexOf(char);
  return ms;
}
