/** Stripe's words (product_not_received) as a reader's ("Product not received"). */
export function disputeWords(value: string): string {
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Red while the business must answer, yellow while the bank decides, then the result. */
export function disputeStatusColor(status: string): string {
  if (status.endsWith('needs_response')) return 'red';
  if (status.endsWith('under_review')) return 'yellow';
  if (status === 'won' || status === 'warning_closed') return 'teal';
  return 'gray';
}
