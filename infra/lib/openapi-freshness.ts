import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openApiDocument } from '../../functions/api/openapi.ts';

/**
 * In the cloud the API answers /openapi.json by sending people to the copy built with the site
 * (docs/openapi.json, written by `npm run dashboard:build`), so that the builder stays out of the
 * API's bundle. A copy built before the code last changed would describe another API: synth
 * refuses to deploy it. Returns why the copy is stale, or undefined when it is current (or absent).
 */
export function staleOpenApiCopy(siteAssetsPath: string): string | undefined {
  const copy = path.join(siteAssetsPath, 'docs', 'openapi.json');
  if (!existsSync(copy)) return undefined;
  const built = JSON.stringify(JSON.parse(readFileSync(copy, 'utf8')));
  if (built === JSON.stringify(openApiDocument())) return undefined;
  return `${copy} does not match the API this code serves; run npm run dashboard:build before deploying.`;
}
