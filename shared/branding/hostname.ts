/**
 * A custom domain as a branding names it: a hostname the account's people reach the product at
 * (shown in emails and license files). Lower-case DNS labels of letters, digits and inner
 * hyphens, at least two of them, a top-level label that is not all digits (so no IP address),
 * 253 characters at most. Returns why it is not one, or null when it is.
 */
export function hostnameProblem(value: string): string | null {
  if (value.length > 253) return 'is longer than 253 characters';
  if (value.includes('://') || value.includes('/'))
    return 'must be a hostname only, without https:// or a path';
  if (value.includes(':')) return 'must not carry a port';
  const labels = value.split('.');
  if (labels.length < 2) return 'needs at least two labels, like licenses.example.com';
  for (const label of labels) {
    if (label === '') return 'has an empty label (two dots in a row, or a dot at an end)';
    if (label.length > 63) return `has a label longer than 63 characters (${label.slice(0, 12)}…)`;
    if (!/^[a-z0-9-]+$/.test(label))
      return `has a label with characters other than a–z, 0–9 and "-" (${label})`;
    if (label.startsWith('-') || label.endsWith('-'))
      return `has a label starting or ending with "-" (${label})`;
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? '')) return 'must be a name, not an IP address';
  return null;
}
