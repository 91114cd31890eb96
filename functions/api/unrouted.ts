import type { Context, Hono } from 'hono';
import { DomainError } from '../domain/errors.ts';
import { problemResponse } from './problem.ts';
import type { AppEnv } from './request.ts';
import type { RouteArea } from './route-area.ts';

/**
 * What a request no route takes is answered with: 405 and an Allow header when the path exists
 * for other methods, the area's own 404 where an area knows the kind of path (an unknown record
 * type, named with the types), a plain 404 otherwise.
 */

/** A Hono route path (`/v1/:path{needs|councils}/:id`, `/dashboard/*`) as a regular expression. */
function routePattern(path: string): RegExp {
  const segments = path.split('/').map((segment) => {
    if (segment === '*') return '.*';
    const param = /^:[A-Za-z0-9_]+(?:\{(.+)\})?$/.exec(segment);
    if (param) return param[1] ? `(?:${param[1]})` : '[^/]+';
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${segments.join('/')}$`);
}

/** The methods some route answers for this path (middleware, registered for ALL, does not count). */
function allowedMethods(app: Hono<AppEnv>, path: string): string[] {
  const methods = new Set<string>();
  for (const route of app.routes) {
    if (route.method === 'ALL' || methods.has(route.method)) continue;
    if (routePattern(route.path).test(path)) methods.add(route.method);
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

export function unroutedHandler(app: Hono<AppEnv>, areas: readonly RouteArea[]) {
  return (c: Context<AppEnv>) => {
    const path = c.req.path;
    const allowed = allowedMethods(app, path);
    // A route of this very method that answered "not found" (a missing snapshot file) is a 404, not a 405.
    if (allowed.length > 0 && !allowed.includes(c.req.method)) {
      c.header('Allow', allowed.join(', '));
      return problemResponse(
        c,
        'method-not-allowed',
        `${path} does not answer ${c.req.method}; it answers ${allowed.join(', ')}. See /docs for the routes.`,
      );
    }
    try {
      for (const area of areas) area.refuseUnrouted?.(path);
    } catch (error) {
      if (error instanceof DomainError) return problemResponse(c, error.code, error.message);
      throw error;
    }
    return problemResponse(
      c,
      'not-found',
      `There is nothing at ${c.req.method} ${path}. See /docs for the routes.`,
    );
  };
}
