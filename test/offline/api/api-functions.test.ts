import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_FUNCTIONS, type ApiFunctionName, apiFunctionFor } from '../../../functions/api/api-functions.ts';
import { apiAreas } from '../../../functions/api/app.ts';
import { Authenticator } from '../../../functions/api/authenticate.ts';
import { PUBLIC_ROUTES } from '../../../functions/api/public-routes.ts';
import { MemoryRecordStore } from '../../../functions/store/memory-record-store.ts';
import { MemoryUserDirectory } from '../../../functions/store/memory-user-directory.ts';
import { API_FUNCTION_HANDLERS, HANDLER_ENTRIES } from '../../../infra/lib/handler-entries.ts';
import { documentedRequests, routerOf, takes } from '../../support/route-areas.ts';

/**
 * In the cloud the API is several Lambda functions, each mounting some areas, and API Gateway sends
 * each path to one of them (functions/api/api-functions.ts). These checks hold the split to the
 * areas: every documented operation must reach a function that mounts the area answering it.
 */

function everyArea() {
  const directory = new MemoryUserDirectory();
  return apiAreas({
    store: new MemoryRecordStore(),
    directory,
    authenticator: new Authenticator([], directory),
  });
}

const functionNames = Object.keys(API_FUNCTIONS) as ApiFunctionName[];

describe('the API functions', () => {
  it('should mount every area in exactly one function', () => {
    // Prepare
    const areaNames = everyArea().map((area) => area.name);

    // Act
    const mounted = functionNames.flatMap((name) => API_FUNCTIONS[name].areas as readonly string[]);

    // Assess
    expect([...mounted].sort()).toEqual([...areaNames].sort());
  });

  it('should route every documented operation to the function that mounts the area answering it', () => {
    // Prepare
    const areas = everyArea().map((area) => ({ name: area.name, router: routerOf(area) }));
    const requests = documentedRequests();

    // Act
    const misrouted = requests.flatMap((request) => {
      const fn = apiFunctionFor(request.path);
      const owner = areas.find((area) => takes(area.router, request))?.name;
      const mounted = API_FUNCTIONS[fn].areas as readonly string[];
      return owner && mounted.includes(owner)
        ? []
        : [`${request.method} ${request.path} goes to ${fn}, but ${owner ?? 'no area'} answers it`];
    });

    // Assess
    expect(requests.length).toBeGreaterThan(100);
    expect(misrouted).toEqual([]);
  });

  it('should route each public route to a function that answers it without a token', () => {
    // Prepare
    const areas = everyArea().map((area) => ({ name: area.name, router: routerOf(area) }));

    // Act
    const unanswered = PUBLIC_ROUTES.flatMap((route) => {
      const path = route.path.replace('{proxy+}', 'services');
      const request = { operation: 'public', method: route.method, path };
      const mounted = API_FUNCTIONS[apiFunctionFor(route.path)].areas as readonly string[];
      const owner = areas.find((area) => takes(area.router, request))?.name;
      return owner && mounted.includes(owner) ? [] : [`${route.method} ${route.path}`];
    });

    // Assess
    expect(unanswered).toEqual([]);
  });

  it.each([
    ['/v1/knowledge-base', 'knowledge'],
    ['/v1/knowledge-base/more', 'records'],
    ['/v1/dashboard/latest', 'reports'],
    ['/v1/reports/weekly', 'reports'],
    ['/v1/me', 'records'],
    ['/v1/me/reminder-preferences', 'public'],
    ['/hsds', 'public'],
    ['/hsds/services/some-id', 'public'],
    ['/v1/needs/some-id', 'records'],
    ['/v1/public', 'records'],
  ] as const)('should send %s to the %s function, as API Gateway would', (path, expected) => {
    // Act
    const fn = apiFunctionFor(path);

    // Assess
    expect(fn).toBe(expected);
  });
});

/** An HTTP API (payload 2.0) event as API Gateway hands it to a function. */
function gatewayEvent(method: string, path: string) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.test' },
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'api.test',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'request-1',
      routeKey: '$default',
      stage: '$default',
      time: '26/Nov/2026:17:00:00 +0000',
      timeEpoch: 0,
    },
    isBase64Encoded: false,
  };
}

async function handlerOf(name: ApiFunctionName) {
  vi.stubEnv('TABLE_NAME', 'api-functions-test');
  vi.stubEnv('AUTH_ISSUERS', '[]');
  const module = await import(HANDLER_ENTRIES[API_FUNCTION_HANDLERS[name]]);
  return module.handler as (
    event: unknown,
    context: unknown,
  ) => Promise<{ statusCode: number; headers?: Record<string, string> }>;
}

describe('the API function entries', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  // Requests each function answers without reaching AWS: a refusal before any look-up, or a 405.
  it.each([
    ['records', 'GET', '/healthz', 200, undefined],
    ['records', 'GET', '/v1/needs', 401, undefined],
    ['knowledge', 'GET', '/v1/knowledge-base', 401, undefined],
    ['records', 'DELETE', '/healthz', 405, 'GET, HEAD'],
    ['reports', 'GET', '/v1/dashboard/latest', 401, undefined],
    ['public', 'POST', '/hsds', 405, 'GET, HEAD'],
  ] as const)(
    'should start the %s function and answer %s %s through the Lambda adapter with %i',
    async (name, method, path, status, allow) => {
      // Prepare
      const handler = await handlerOf(name);

      // Act
      const result = await handler(gatewayEvent(method, path), {});

      // Assess
      expect(result.statusCode).toBe(status);
      expect(result.headers?.allow).toBe(allow);
    },
  );

  it.each([
    ['records', '/hsds'],
    ['knowledge', '/healthz'],
    ['reports', '/hsds'],
    ['public', '/openapi.json'],
  ] as const)(
    'should answer 404 for what the %s function does not mount (%s), which the stack sends elsewhere',
    async (name, path) => {
      // Prepare
      const handler = await handlerOf(name);

      // Act
      const result = await handler(gatewayEvent('GET', path), {});

      // Assess
      expect(result.statusCode).toBe(404);
    },
  );
});
