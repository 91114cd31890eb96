import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/api/openapi.ts';
import { staleOpenApiCopy } from '../../../infra/lib/openapi-freshness.ts';

let site: string;
afterEach(() => rmSync(site, { recursive: true, force: true }));

function siteWith(document: unknown): string {
  site = mkdtempSync(path.join(tmpdir(), 'site-'));
  mkdirSync(path.join(site, 'docs'));
  writeFileSync(path.join(site, 'docs', 'openapi.json'), JSON.stringify(document, null, 2));
  return site;
}

describe('the OpenAPI document the cloud serves is built with the site, never stale', () => {
  it('should accept a copy built from the current code', () => {
    // Prepare
    const folder = siteWith(openApiDocument());

    // Act
    const problem = staleOpenApiCopy(folder);

    // Assess
    expect(problem).toBeUndefined();
  });

  it('should refuse a copy built before the API changed, saying how to rebuild it', () => {
    // Prepare
    const old = openApiDocument() as { info: { version: string } };
    const folder = siteWith({ ...old, info: { ...old.info, version: '0.0.0-old' } });

    // Act
    const problem = staleOpenApiCopy(folder);

    // Assess
    expect(problem).toContain('run npm run dashboard:build');
  });
});
