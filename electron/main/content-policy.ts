import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

/**
 * The policy for pages from the electron-vite dev server: the console's own, except that
 * inline scripts run, because @vitejs/plugin-react injects its Fast Refresh preamble as
 * one. Built pages never get this: they carry the strict policy in a meta tag.
 */
export function devServerPolicy(policy: string = CONTENT_SECURITY_POLICY): string {
  return policy
    .split('; ')
    .map((directive) => (directive.startsWith('script-src ') ? `${directive} 'unsafe-inline'` : directive))
    .join('; ');
}

/** Response headers with exactly one Content-Security-Policy: ours, whatever the server sent. */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(
    ([name]) => name.toLowerCase() !== 'content-security-policy',
  );
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] };
}
