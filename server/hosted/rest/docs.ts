import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import helmet from 'helmet';
import { REST_PREFIX } from './document';
import { fixedHeaders } from './fixed-headers';

/**
 * The browsable reference at /api/v1/docs: Swagger UI's own files, served from the
 * installed package (no CDN), under a strict CSP of its own — scripts only from this
 * server (the page's start-up is a file, not inline script), styles from here plus the
 * inline styles Swagger UI sets, fetches only to this server (the document, "Try it out").
 */

export const DOCS_PATH = `${REST_PREFIX}/docs`;

export const docsSecurity = fixedHeaders(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  }),
);

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Tollgate API</title>
    <link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
    <script src="${DOCS_PATH}/start.js"></script>
  </body>
</html>
`;

const START = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '${REST_PREFIX}/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

interface Asset {
  type: string;
  body: () => Buffer | string;
}

/** Where npm installed swagger-ui-dist (the package has no types for its own path helper). */
const swaggerUiDir = () => dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const fromPackage = (name: string) => {
  let cached: Buffer | null = null;
  return () => (cached ??= readFileSync(join(swaggerUiDir(), name)));
};

const ASSETS: Record<string, Asset> = {
  '': { type: 'text/html; charset=utf-8', body: () => PAGE },
  '/': { type: 'text/html; charset=utf-8', body: () => PAGE },
  '/start.js': { type: 'text/javascript; charset=utf-8', body: () => START },
  '/swagger-ui.css': { type: 'text/css; charset=utf-8', body: fromPackage('swagger-ui.css') },
  '/swagger-ui-bundle.js': {
    type: 'text/javascript; charset=utf-8',
    body: fromPackage('swagger-ui-bundle.js'),
  },
};

/** Answers a GET under /api/v1/docs; false when the path is none of its files. */
export function serveDocs(req: IncomingMessage, res: ServerResponse, path: string): boolean {
  const asset = ASSETS[path.slice(DOCS_PATH.length)];
  if (!asset || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  const body = asset.body();
  res.writeHead(200, {
    'content-type': asset.type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'public, max-age=300',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
