import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/api/openapi.ts';
import { SignedLinks } from '../../../functions/links/signed-links.ts';
import { type DynamoLocal, startDynamoLocal } from '../../../local/dynamo-local.ts';
import { put, values } from '../../support/factories.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

/**
 * With the database killed under a running API, every route answers as the issue asks: 503 with
 * Retry-After and words that fit, never 500; the pages people open from emails and the public
 * website answer with a page. Its own DynamoDB Local, so killing it touches no other test.
 */
let dataDir: string;
let dynamo: DynamoLocal;
let h: Harness;
let token: string;
let links: SignedLinks;

type Operation = { parameters?: { in: string; name: string; schema?: { enum?: string[] } }[] };
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Values for path parameters: the first a parameter allows, or one of the right shape. */
const PATH_VALUES: Record<string, string> = {
  id: 'down-1',
  key: 'down-1',
  groupId: 'lec-canterbury',
  date: '2026-11-30',
  quarter: '2026-Q3',
};

function concretePath(path: string, operation: Operation): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === name);
    return encodeURIComponent(parameter?.schema?.enum?.[0] ?? PATH_VALUES[name] ?? 'down-1');
  });
}

/** The signed token a page from an email carries, so the page gets past its link check to the data. */
async function linkQuery(path: string): Promise<string> {
  const email = 'owner@example.org';
  if (path.startsWith('/links/actions/')) return `?token=${await links.actionToken(email, 'down-1')}`;
  if (path === '/reminders/preferences') return `?token=${await links.settingsToken(email, 'reminders')}`;
  if (path === '/digest/web')
    return `?token=${await links.groupToken(email, 'digestWeb', 'lec-canterbury', new Date(), '2026-11')}`;
  if (path === '/digest/calendar.ics')
    return `?token=${await links.groupToken(email, 'groupCalendar', 'lec-canterbury')}`;
  return '';
}

/**
 * Operations that read nothing stored: they answer as always with the database down. (`/v1/me`
 * answers from the directory entry the sign-in just cached.)
 */
const TOUCH_NO_DATA = ['GET /healthz', 'GET /openapi.json', 'GET /v1/types', 'GET /hsds', 'GET /v1/me'];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'database-down-'));
  dynamo = await startDynamoLocal({ dataDir });
  h = await startHarness({ endpoint: dynamo.endpoint, publicSite: true });
  links = new SignedLinks(h.linkSecret!);
  token = await h.signIn('nat@ceg.example.nz', 'national');
  await put(h, token, 'regions', 'canterbury', values.region('Canterbury'));
}, 120_000);
afterAll(async () => {
  await h.close();
  await dynamo.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a dependency down is a 503 everywhere', () => {
  // Ordered: ready while the database answers, then the same checks with it killed.
  it('should say ready while the table answers, and alive either way', async () => {
    // Act
    const ready = await h.request('GET', '/healthz/ready');
    const alive = await h.request('GET', '/healthz');

    // Assess
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    expect(alive.status).toBe(200);
  });

  it('should answer every documented operation without a 500: 503 with Retry-After wherever data is needed', async () => {
    // Prepare
    await dynamo.crash();
    const paths = (openApiDocument() as { paths: Record<string, Record<string, Operation>> }).paths;

    // Act: each operation, as a signed-in national user would call it.
    const answers: { operation: string; status: number; retryAfter: string | null; body: unknown }[] = [];
    for (const [path, item] of Object.entries(paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const url = concretePath(path, operation) + (await linkQuery(path));
        const response = await h.request(method.toUpperCase() as 'GET', url, {
          token,
          // A version to change from, so a change gets past its precondition to the store.
          headers: { 'if-match': '"1"' },
          body: method === 'get' || method === 'delete' ? undefined : {},
        });
        answers.push({
          operation: `${method.toUpperCase()} ${path}`,
          status: response.status,
          retryAfter: response.headers.get('retry-after'),
          body: response.body,
        });
      }
    }

    // Assess: a 4xx is a refusal made before anything was looked up (an empty body, a person on
    // a machine clients' route), which the database being down does not change.
    expect(answers.length).toBeGreaterThan(100);
    expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
    const answeredAsUsual = answers.filter((a) => a.status < 400).map((a) => a.operation);
    expect(answeredAsUsual.sort()).toEqual([...TOUCH_NO_DATA].sort());
    const unavailable = answers.filter((a) => a.status === 503);
    expect(unavailable.length).toBeGreaterThan(100);
    for (const answer of unavailable) {
      expect(answer.retryAfter, answer.operation).toBe('60');
    }
    // Every kind of operation that reads or writes reached the store and said so.
    const reached = new Set(unavailable.map((a) => a.operation));
    for (const operation of [
      'GET /v1/needs',
      'GET /v1/needs/{id}',
      'PUT /v1/needs/{id}',
      'PATCH /v1/needs/{id}',
      'DELETE /v1/needs/{id}',
      'GET /v1/sync/needs',
      'GET /v1/changes',
      'GET /digest/web',
      'GET /links/actions/{id}',
      'GET /reminders/preferences',
    ]) {
      expect(reached, operation).toContain(operation);
    }
  });

  it('should word a read and a change as what they are, naming the database', async () => {
    // Act
    const read = await h.request('GET', '/v1/needs', { token });
    const change = await h.request('POST', '/v1/practices', {
      token,
      body: { regionId: 'canterbury', title: 'Kept', summary: 'Not saved' },
    });

    // Assess
    expect(read.status).toBe(503);
    expect(read.headers.get('content-type')).toContain('application/problem+json');
    expect(read.body.detail).toBe(
      'The database did not answer. Nothing could be read: try again in a minute.',
    );
    expect(change.status).toBe(503);
    expect(change.body.detail).toBe(
      'The database did not answer. Nothing was changed: try again in a minute.',
    );
    expect(change.body.detail).not.toContain('Push again');
  });

  it('should say not ready, and still alive', async () => {
    // Act
    const ready = await h.request('GET', '/healthz/ready');
    const alive = await h.request('GET', '/healthz');

    // Assess
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toBe('60');
    expect(alive.status).toBe(200);
  });

  it('should answer a page from an email with a page that says the link is fine', async () => {
    // Act
    const response = await fetch(`${h.baseUrl}/links/actions/down-1${await linkQuery('/links/actions/')}`);
    const body = await response.text();

    // Assess
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(body).toContain('Try again in a minute');
    expect(body).toContain('Your link is fine and nothing was changed');
  });

  it('should answer the public website with a plain "try again in a minute" page, not cached', async () => {
    // Act
    const response = await fetch(`${h.baseUrl}/?q=jobs`);
    const body = await response.text();

    // Assess
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(body).toContain('<h1>Try again in a minute</h1>');
    expect(body).not.toContain('Something went wrong');
  });

  it('should answer as before once the database is back', async () => {
    // Prepare
    dynamo = await startDynamoLocal({ dataDir, port: dynamo.port });

    // Act
    const ready = await h.request('GET', '/healthz/ready');
    const region = await h.request('GET', '/v1/regions/canterbury', { token });

    // Assess
    expect(ready.status).toBe(200);
    expect(region.status).toBe(200);
    expect(region.body.values.name).toBe('Canterbury');
  });
});
