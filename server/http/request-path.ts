/** Segments of letters, digits, '_' and '-' between single slashes: a path URL would give back as it is. */
const PLAIN_PATH = /^(?:\/[\w-]+)*\/?$/;

/**
 * The request's path. A plain one is read off the request line as it is; any other (escapes,
 * dot segments, double slashes, backslashes) goes through URL, which normalises it, so both
 * ways route alike. Parsing a URL per request was a visible part of a validation's cost.
 */
export function pathOf(requestUrl: string): string {
  const at = requestUrl.indexOf('?');
  const raw = at < 0 ? requestUrl : requestUrl.slice(0, at);
  return PLAIN_PATH.test(raw) ? raw : new URL(requestUrl, 'http://local').pathname;
}
