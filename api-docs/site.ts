import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { openApiDocument } from '../functions/api/openapi.ts';

/**
 * The self-hosted API reference: Swagger UI from the pinned `swagger-ui-dist` package, our page,
 * start-up script and accessibility styles, and the OpenAPI document, all served from one folder
 * so the page needs nothing from any other host. `npm start` serves these files at /docs/ (see
 * local/api-docs-extension.ts); `npm run dashboard:build` writes them into the site's docs/
 * folder, which CloudFront serves in the cloud. None of it is in the API's Lambda bundle.
 */

const OWN_DIR = import.meta.dirname;
const SWAGGER_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

export const API_DOCS_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
};

/** Each file of the reference, by name, from where it comes. */
const SOURCES: Record<string, () => Promise<Buffer | string>> = {
  'index.html': () => readFile(path.join(OWN_DIR, 'index.html')),
  'docs.js': () => readFile(path.join(OWN_DIR, 'docs.js')),
  'docs.css': () => readFile(path.join(OWN_DIR, 'docs.css')),
  'swagger-ui-bundle.js': () => readFile(path.join(SWAGGER_DIR, 'swagger-ui-bundle.js')),
  'swagger-ui.css': () => readFile(path.join(SWAGGER_DIR, 'swagger-ui.css')),
  'favicon-32x32.png': () => readFile(path.join(SWAGGER_DIR, 'favicon-32x32.png')),
  'openapi.json': async () => JSON.stringify(openApiDocument()),
};

export const API_DOCS_FILES = Object.keys(SOURCES);

/** One file of the reference, or undefined for a name that is not one of them. */
export async function apiDocsFile(
  name: string,
): Promise<{ body: Buffer | string; type: string } | undefined> {
  const source = Object.hasOwn(SOURCES, name) ? SOURCES[name] : undefined;
  if (!source) return undefined;
  return { body: await source(), type: API_DOCS_TYPES[path.extname(name)] ?? 'application/octet-stream' };
}
