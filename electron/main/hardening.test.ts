import { describe, expect, it } from 'vitest';
import { appLocation } from './app-location';
import { hardenWebContents, isPermissionGranted, type WebContentsLike } from './hardening';

const location = appLocation({ rendererDir: '/app/out/renderer' });
const PAGE = 'file:///app/out/renderer/index.html';

describe('isPermissionGranted', () => {
  it('lets the console write to the clipboard', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', PAGE, location.isAppUrl)).toBe(true);
  });

  it.each([
    'clipboard-read',
    'media',
    'notifications',
    'geolocation',
    'openExternal',
    'fullscreen',
    'unknown',
  ])('refuses %s', (permission) => {
    expect(isPermissionGranted(permission, PAGE, location.isAppUrl)).toBe(false);
  });

  it('refuses even the clipboard to a page that is not the console', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://example.com/', location.isAppUrl)).toBe(
      false,
    );
  });
});

/** A WebContents stand-in that keeps the handlers so a test can play the browser. */
function fakeContents() {
  const fake = {
    openHandler: null as ((details: { url: string }) => { action: 'deny' }) | null,
    navigate: null as ((event: { url: string; preventDefault(): void }) => void) | null,
  };
  const contents: WebContentsLike = {
    setWindowOpenHandler: (handler) => (fake.openHandler = handler),
    on: (_event, listener) => (fake.navigate = listener),
  };
  return { fake, contents };
}

function tryNavigate(fake: ReturnType<typeof fakeContents>['fake'], url: string) {
  let prevented = false;
  fake.navigate?.({ url, preventDefault: () => (prevented = true) });
  return prevented;
}

describe('hardenWebContents', () => {
  it('never opens a window, and hands web links to the system browser', () => {
    const { fake, contents } = fakeContents();
    const opened: string[] = [];
    hardenWebContents(contents, location, (url) => opened.push(url));

    expect(fake.openHandler?.({ url: 'https://stripe.com/docs' })).toEqual({ action: 'deny' });
    expect(fake.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.openHandler?.({ url: `${PAGE}#/customers` })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://stripe.com/docs']);
  });

  it('keeps the window on the console', () => {
    const { fake, contents } = fakeContents();
    const opened: string[] = [];
    hardenWebContents(contents, location, (url) => opened.push(url));

    expect(tryNavigate(fake, `${PAGE}#/customers`)).toBe(false);
    expect(tryNavigate(fake, 'https://example.com/login')).toBe(true);
    expect(tryNavigate(fake, 'file:///home/someone/evil.html')).toBe(true);
    expect(opened).toEqual(['https://example.com/login']);
  });
});
