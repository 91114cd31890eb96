import { PatternRouter } from 'hono/router/pattern-router';
import { Hono } from 'hono/tiny';
import { openApiDocument } from '../../functions/api/openapi.ts';
import type { AppEnv } from '../../functions/api/request.ts';
import type { RouteArea } from '../../functions/api/route-area.ts';
import { RECORD_DEFINITIONS } from '../../functions/records/registry.ts';
import { type OpenApi, operationsOf } from './contract/document-checker.ts';

/** What the route checks handle: Hono's route handlers, compared by identity only. */
export type Handler = (...args: never[]) => unknown;

/** One documented operation at a concrete path. */
export interface DocumentedRequest {
  operation: string;
  method: string;
  path: string;
}

/**
 * Sample values for path parameters; `{path}` stands in turn for each value its parameter takes
 * (the record types that take sign-offs), or every record type's path.
 */
function concretePaths(template: string, parameters: { name: string; in: string; schema?: any }[]): string[] {
  const choices: string[] =
    parameters.find((p) => p.in === 'path' && p.name === 'path')?.schema?.enum ??
    RECORD_DEFINITIONS.map((d) => d.path);
  const paths = template.includes('{path}')
    ? choices.map((path) => template.replace('{path}', path))
    : [template];
  return paths.map((path) => path.replace(/\{[^}]+\}/g, (name) => `sample-${name.slice(1, -1)}`));
}

/** Every operation of the OpenAPI document, at a concrete path (one per record type for `{path}`). */
export function documentedRequests(): DocumentedRequest[] {
  return operationsOf(openApiDocument() as OpenApi).flatMap((operation) =>
    concretePaths(operation.path, operation.op.parameters ?? []).map((path) => ({
      operation: operation.id,
      method: operation.method.toUpperCase(),
      path,
    })),
  );
}

/** A router holding one area's routes at their mounted paths, as the shell would mount them. */
export function routerOf(area: RouteArea): PatternRouter<Handler> {
  const mounted = new Hono<AppEnv>().route(area.prefix, area.routes);
  const router = new PatternRouter<Handler>();
  for (const route of mounted.routes) router.add(route.method, route.path, route.handler as Handler);
  return router;
}

/** Whether an area has a route for this method and path. */
export function takes(router: PatternRouter<Handler>, request: DocumentedRequest): boolean {
  return router.match(request.method, request.path)[0].length > 0;
}
