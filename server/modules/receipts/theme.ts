import type { ReceiptStatus } from './status';

/** One palette for the HTML and the PDF, so the two receipts look like the same document. */
export const RECEIPT_COLORS = {
  text: '#1a1f36',
  muted: '#697386',
  border: '#e3e8ee',
  page: '#f6f9fc',
} as const;

/** Badge colours: green when settled, amber or grey when money went back, red when lost. */
export const BADGE_COLORS: Record<ReceiptStatus, { text: string; background: string }> = {
  paid: { text: '#0e6245', background: '#cbf4c9' },
  partially_refunded: { text: '#983705', background: '#f8e5b9' },
  refunded: { text: '#3c4257', background: '#e3e8ee' },
  open: { text: '#0a4a8c', background: '#d6ecff' },
  void: { text: '#3c4257', background: '#e3e8ee' },
  uncollectible: { text: '#a41c4e', background: '#fde2dd' },
};
