import type { Session } from 'electron';
import { judgeNavigation, type AppLocation } from './app-location';
import { devServerPolicy, withContentSecurityPolicy } from './content-policy';

/** The parts of Electron's WebContents the hardening touches. */
export interface WebContentsLike {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: { url: string; preventDefault(): void }) => void): void;
}

/**
 * Grants only writing to the clipboard (copy buttons for ids and keys), and only to the
 * console's own pages; camera, notifications, geolocation, clipboard reads and the rest
 * are refused without asking the user.
 */
export function isPermissionGranted(
  permission: string,
  requestingUrl: string,
  isAppUrl: (url: string) => boolean,
): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl);
}

/** No new windows, no navigating away: web links open in the system browser instead. */
export function hardenWebContents(
  contents: WebContentsLike,
  location: Pick<AppLocation, 'isAppUrl'>,
  openExternal: (url: string) => void,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (judgeNavigation(url, location) === 'open-externally') openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    const verdict = judgeNavigation(event.url, location);
    if (verdict === 'allow') return;
    event.preventDefault();
    if (verdict === 'open-externally') openExternal(event.url);
  });
}

/** Permission handlers for the app's session, and the CSP header for dev server pages. */
export function hardenSession(session: Session, location: AppLocation): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details.requestingUrl, location.isAppUrl)),
  );
  session.setPermissionCheckHandler((contents, permission, _origin, details) =>
    isPermissionGranted(permission, details.requestingUrl ?? contents?.getURL() ?? '', location.isAppUrl),
  );
  if (location.devServerOrigin) {
    // Built pages load from file://, which has no response headers; their CSP is a meta tag.
    const policy = devServerPolicy();
    session.webRequest.onHeadersReceived((details, callback) =>
      callback(
        location.isAppUrl(details.url)
          ? { responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) }
          : {},
      ),
    );
  }
}
