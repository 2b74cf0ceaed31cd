import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where the console is loaded from, and the test for "is this URL the console itself". */
export interface AppLocation {
  /** What the window loads. */
  url: string;
  /** True for URLs of the console's own pages; IPC answers and navigation depend on it. */
  isAppUrl: (url: string) => boolean;
  /** The dev server's origin when running under `electron-vite dev`, else null. */
  devServerOrigin: string | null;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isInside(dir: string, file: string): boolean {
  const path = relative(dir, file);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}

/**
 * The built console under `rendererDir` (file://), or the electron-vite dev server when
 * one is given. Only one of the two is ever trusted, so a dev build never answers pages
 * from disk and a production build never answers a web origin.
 */
export function appLocation(options: { rendererDir: string; devServerUrl?: string }): AppLocation {
  const devServer = options.devServerUrl ? parse(options.devServerUrl) : null;
  if (devServer && (devServer.protocol === 'http:' || devServer.protocol === 'https:')) {
    const origin = devServer.origin;
    return { url: devServer.href, devServerOrigin: origin, isAppUrl: (url) => parse(url)?.origin === origin };
  }
  return {
    url: pathToFileURL(join(options.rendererDir, 'index.html')).href,
    devServerOrigin: null,
    isAppUrl: (url) => {
      const parsed = parse(url);
      if (parsed?.protocol !== 'file:' || parsed.host !== '') return false;
      return isInside(options.rendererDir, fileURLToPath(parsed));
    },
  };
}

export type NavigationVerdict = 'allow' | 'open-externally' | 'deny';

/** What to do when the window is asked to go to `url`: stay in the app, hand web links to the browser. */
export function judgeNavigation(url: string, location: Pick<AppLocation, 'isAppUrl'>): NavigationVerdict {
  if (location.isAppUrl(url)) return 'allow';
  const protocol = parse(url)?.protocol;
  return protocol === 'https:' || protocol === 'http:' ? 'open-externally' : 'deny';
}
