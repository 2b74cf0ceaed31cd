/**
 * A view's filters in words, as the PDF's heading and the Exports page say them:
 * { status: 'paid', issuedFrom: 1767225600000 } → "Status: paid; Issued from: 2026-01-01 00:00 UTC".
 */
export function viewInWords(view: Record<string, unknown>, labels: Record<string, string> = {}): string {
  const parts = Object.entries(view)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${labels[key] ?? spelled(key)}: ${valueInWords(key, value)}`);
  return parts.length > 0 ? parts.join('; ') : 'None (the whole list)';
}

/** "customerId" → "Customer id". */
function spelled(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const TIME_KEY = /(^from$|^to$|From$|To$|At$|Before$)/;

function valueInWords(key: string, value: unknown): string {
  if (typeof value === 'number' && TIME_KEY.test(key)) {
    return `${new Date(value).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  }
  if (typeof value === 'object' && value !== null && 'field' in value && 'direction' in value) {
    const sort = value;
    const direction = sort.direction === 'asc' ? 'ascending' : 'descending';
    return `${spelled(String(sort.field))}, ${direction}`;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    // A nested filter (the Overview's segment): its set parts, "plan pln_…, interval month".
    const parts = Object.entries(value).filter(
      ([, part]) => part !== null && part !== undefined && part !== '',
    );
    return parts.length > 0
      ? parts.map(([key, part]) => `${spelled(key).toLowerCase()} ${String(part)}`).join(', ')
      : 'all';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
