/**
 * The console's Content-Security-Policy: scripts only from the app itself, no eval, no
 * remote connections beyond the backend it was served by. Mantine writes style
 * attributes at run time, hence 'unsafe-inline' for styles (never for scripts).
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/** The policy as an HTTP header carries it. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/**
 * The policy for a <meta> tag, which is where built pages loaded from file:// carry it.
 * Browsers ignore frame-ancestors there (and warn on every load), so it is left out.
 */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join(
  '; ',
);
