/**
 * What a palette query can be, read from its shape. One query may be several at once:
 * "4242" is a card's last four and an invoice number; "ada" is a name.
 */
export interface SearchKeys {
  /** An id of ours (cus_…, inv_…) or a Stripe reference (cus_…, in_…, pi_…): the text as typed. */
  id: string | null;
  /** Invoice numbers from `from` (inclusive) to `to` (exclusive): "INV-000471", "inv-47", "471". */
  numbers: { from: string; to: string } | null;
  /** A LIKE-free prefix range for email-shaped input, lower-cased. */
  email: { from: string; to: string } | null;
  /** A card's last four digits. */
  last4: string | null;
  /** Words to look for in names (customers' full-text index). */
  text: string | null;
}

const ID_SHAPE = /^[a-z]{2,4}_[0-9A-Za-z]{6,64}$/;
const NUMBER_DIGITS = 6;

/** The range of strings that start with `prefix`. */
export function prefixRange(prefix: string): { from: string; to: string } {
  const last = prefix.charCodeAt(prefix.length - 1);
  return { from: prefix, to: `${prefix.slice(0, -1)}${String.fromCharCode(last + 1)}` };
}

function invoiceNumbers(query: string): SearchKeys['numbers'] {
  const prefixed = /^inv-?(\d{1,12})$/i.exec(query);
  if (prefixed) return prefixRange(`INV-${prefixed[1]}`);
  // Bare digits name one invoice, as printed with its zeros: "471" is INV-000471.
  if (/^\d{1,6}$/.test(query)) {
    const exact = `INV-${query.padStart(NUMBER_DIGITS, '0')}`;
    // Past `exact` and before anything longer that PostgreSQL can hold: its text has no NUL
    // (a NUL bound is refused there), and no invoice number holds a control character.
    return { from: exact, to: `${exact}\u0001` };
  }
  return null;
}

export function searchKeys(raw: string): SearchKeys {
  const query = raw.trim();
  const email = /^[^\s@]+@[^\s@]*$/.test(query) ? prefixRange(query.toLowerCase()) : null;
  return {
    id: ID_SHAPE.test(query) ? query : null,
    numbers: invoiceNumbers(query),
    email,
    last4: /^\d{4}$/.test(query) ? query : null,
    text: email || ID_SHAPE.test(query) || /^[\d\s-]*$/.test(query) ? null : query,
  };
}
