import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forEachOpenApiProcedure } from 'trpc-to-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../lib/clock';
import { startTestHostedServer, type TestHostedServer } from '../hosted.test-kit';
import { DOCS_PATH } from './docs';
import { REST_PREFIX } from './document';
import { restOpenApiRouter } from './router';

/**
 * The browsable reference at /api/v1/docs, as a browser would load it over real HTTP: the
 * page, every file it references and the document its start-up script names each answer
 * 200 with the right type, the page's Content-Security-Policy allows each of them (and the
 * page runs no inline script), and the document lists every REST operation. What this
 * cannot see is Swagger UI drawing the page; what it does see is each way that breaks
 * without a code change in Swagger UI (a moved file, a wrong type, a CSP that blocks it).
 */

let dir: string;
let hosted: TestHostedServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-rest-docs-'));
  hosted = await startTestHostedServer({ dir, clock: systemClock });
});

afterAll(async () => {
  await hosted.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The CSP's directives, by name, each with its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

/** Whether `sources` let the page at `pageUrl` load `url` (the forms this page's policy uses). */
function allows(sources: readonly string[] | undefined, url: URL, pageUrl: URL): boolean {
  if (!sources) return false;
  return sources.some(
    (source) => (source === "'self'" && url.origin === pageUrl.origin) || source === url.origin,
  );
}

/** The URLs of `<tag attribute="…">` in `html`. */
function referenced(html: string, tag: string, attribute: string, base: URL): URL[] {
  const pattern = new RegExp(`<${tag}\\b[^>]*\\b${attribute}="([^"]+)"`, 'g');
  return [...html.matchAll(pattern)].map((match) => new URL(match[1] as string, base));
}

async function get(url: URL | string) {
  const response = await fetch(url);
  return { response, text: await response.text() };
}

describe('the API reference page (/api/v1/docs)', () => {
  it('loads with every file it references, each allowed by its Content-Security-Policy', async () => {
    const pageUrl = new URL(`${hosted.url}${DOCS_PATH}`);
    const page = await get(pageUrl);
    expect(page.response.status).toBe(200);
    expect(page.response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = directives(page.response.headers.get('content-security-policy') ?? '');
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);

    // Inline script would need 'unsafe-inline', which the policy does not give.
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
    expect(page.text).not.toMatch(/<script\b(?![^>]*\bsrc=)[^>]*>/);

    const scripts = referenced(page.text, 'script', 'src', pageUrl);
    const styles = referenced(page.text, 'link', 'href', pageUrl);
    expect(scripts.map((u) => u.pathname)).toEqual([
      `${DOCS_PATH}/swagger-ui-bundle.js`,
      `${DOCS_PATH}/start.js`,
    ]);
    expect(styles.map((u) => u.pathname)).toEqual([`${DOCS_PATH}/swagger-ui.css`]);

    const assets = [
      ...scripts.map((url) => ({ url, type: 'text/javascript', directive: 'script-src' })),
      ...styles.map((url) => ({ url, type: 'text/css', directive: 'style-src' })),
    ];
    for (const asset of assets) {
      const { response, text } = await get(asset.url);
      expect(response.status, asset.url.pathname).toBe(200);
      expect(response.headers.get('content-type'), asset.url.pathname).toBe(`${asset.type}; charset=utf-8`);
      expect(response.headers.get('x-content-type-options'), asset.url.pathname).toBe('nosniff');
      expect(text.length, asset.url.pathname).toBeGreaterThan(0);
      expect(allows(policy.get(asset.directive), asset.url, pageUrl), asset.url.pathname).toBe(true);
    }
  });

  it('starts Swagger UI on the document, which lists every REST operation', async () => {
    const pageUrl = new URL(`${hosted.url}${DOCS_PATH}`);
    const policy = directives((await fetch(pageUrl)).headers.get('content-security-policy') ?? '');
    const start = await get(new URL(`${DOCS_PATH}/start.js`, pageUrl));
    const named = /url:\s*'([^']+)'/.exec(start.text)?.[1];
    expect(named).toBe(`${REST_PREFIX}/openapi.json`);

    // Swagger UI fetches the document from the page: connect-src must allow it.
    const documentUrl = new URL(named as string, pageUrl);
    expect(allows(policy.get('connect-src'), documentUrl, pageUrl)).toBe(true);
    const { response, text } = await get(documentUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');

    const document = JSON.parse(text) as {
      paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
    };
    const listed = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
    );
    const declared: string[] = [];
    forEachOpenApiProcedure(restOpenApiRouter._def.procedures, ({ meta: { openapi } }) => {
      declared.push(`${openapi.method} ${openapi.path}`);
    });
    expect(declared.length).toBeGreaterThan(0);
    const shown = listed.map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    for (const operation of declared) expect(shown).toContain(operation);
    for (const { method, path, operation } of listed) {
      expect(operation.summary, `${method} ${path}`).toBeTruthy();
      expect(operation.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
    }
  });
});
