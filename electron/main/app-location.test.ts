import { describe, expect, it } from 'vitest';
import { appLocation, judgeNavigation } from './app-location';

const built = appLocation({ rendererDir: '/opt/Tollgate/resources/app.asar/out/renderer' });
const dev = appLocation({
  rendererDir: '/opt/Tollgate/resources/app.asar/out/renderer',
  devServerUrl: 'http://localhost:5173/',
});

describe('appLocation for the built console', () => {
  it('loads index.html from the renderer folder', () => {
    expect(built.url).toBe('file:///opt/Tollgate/resources/app.asar/out/renderer/index.html');
    expect(built.devServerOrigin).toBeNull();
  });

  it.each([
    'file:///opt/Tollgate/resources/app.asar/out/renderer/index.html',
    'file:///opt/Tollgate/resources/app.asar/out/renderer/index.html#/customers?search=ada',
    'file:///opt/Tollgate/resources/app.asar/out/renderer/assets/index-abc.js',
  ])('trusts its own page %s', (url) => {
    expect(built.isAppUrl(url)).toBe(true);
  });

  it.each([
    'file:///opt/Tollgate/resources/app.asar/out/renderer-evil/index.html',
    'file:///opt/Tollgate/resources/app.asar/out/renderer/../main/index.js',
    'file:///opt/Tollgate/resources/app.asar/out/renderer',
    'file:///home/someone/Downloads/phish.html',
    'file://remote-host/opt/Tollgate/resources/app.asar/out/renderer/index.html',
    'http://localhost:5173/',
    'https://example.com/',
    'about:blank',
    'not a url',
  ])('does not trust %s', (url) => {
    expect(built.isAppUrl(url)).toBe(false);
  });
});

describe('appLocation under the dev server', () => {
  it('loads and trusts only the dev server origin', () => {
    expect(dev.url).toBe('http://localhost:5173/');
    expect(dev.devServerOrigin).toBe('http://localhost:5173');
    expect(dev.isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(dev.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(dev.isAppUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(dev.isAppUrl('file:///opt/Tollgate/resources/app.asar/out/renderer/index.html')).toBe(false);
  });

  it('ignores a dev server URL that is not http(s)', () => {
    const odd = appLocation({ rendererDir: '/app/out/renderer', devServerUrl: 'javascript:alert(1)' });
    expect(odd.url).toBe('file:///app/out/renderer/index.html');
  });
});

describe('judgeNavigation', () => {
  it('keeps the console in the window', () => {
    expect(judgeNavigation('file:///opt/Tollgate/resources/app.asar/out/renderer/index.html#/', built)).toBe(
      'allow',
    );
  });

  it('sends web links to the system browser', () => {
    expect(judgeNavigation('https://dashboard.stripe.com/payments', built)).toBe('open-externally');
    expect(judgeNavigation('http://example.com', built)).toBe('open-externally');
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'mailto:ada@example.com'])(
    'refuses %s',
    (url) => {
      expect(judgeNavigation(url, built)).toBe('deny');
    },
  );
});
