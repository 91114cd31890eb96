import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import '../zod-english.ts';
import { BadRequestError } from '../domain/errors.ts';
import type { Principal } from '../domain/principal.ts';
import type { FieldError } from '../records/definition.ts';
import { type AppEnv, readJson } from './request.ts';

/**
 * How a route is declared: its method, its path as the OpenAPI document shows it, and a zod/mini
 * schema for each part of the request it reads (path parameters, query parameters, headers, body).
 * The same schemas validate every request (here) and describe the operation in the OpenAPI
 * document (functions/api/openapi.ts, at build time), so the two cannot drift apart.
 *
 * A handler is given the validated, typed parts and a context without the raw request, so it can
 * read only what its route declared: a query parameter the route does not declare is refused with
 * a 400 that names it, and an undeclared header is not visible at all.
 */

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The schemas of one part of a request, by name (query parameter names, lower-case header names). */
export type RequestPart = Record<string, z.ZodMiniType>;

export interface BodyDeclaration<S extends z.ZodMiniType = z.ZodMiniType> {
  schema: S;
  /** JSON (`application/json` or `application/merge-patch+json`) unless it is an HTML form. */
  media?: 'json' | 'form';
  /** Larger bodies are refused with 413 before they are parsed. */
  maxBytes: number;
  /** What the refusal of a body that breaks the schema says to send instead. */
  refusal?: string;
  /** The field a refusal names when the whole body is wrong (default `body`). */
  whole?: string;
  /** How a refusal words unknown keys (default: zod's own words). */
  unknownKeys?: (keys: string[]) => string;
}

export interface RouteDeclaration {
  method: Method;
  /**
   * The full path as documented, with `{name}` for each path parameter (`/v1/{path}/{id}/history`).
   * A parameter declared as an enum takes only its values, so the route never claims another path.
   */
  path: string;
  params?: RequestPart;
  query?: RequestPart;
  headers?: RequestPart;
  body?: BodyDeclaration;
  /**
   * For pages rather than API answers: how a refused request is answered (an HTML page), instead
   * of the problem+json the shell makes of it.
   */
  refuse?: (c: RouteContext, refusal: BadRequestError) => Response;
  /**
   * A refusal that depends only on who is asking (a person on a machine clients' route, a token
   * without the scope): it throws before the request is read or anything is looked up, so a caller
   * who may not use the route at all is told so, not that its body needs fixing.
   */
  who?: (principal: Principal) => void;
}

/** Declares a route (identity at run time; it keeps the literal types the handler's input comes from). */
export function defineRoute<const D extends RouteDeclaration>(route: D): D {
  return route;
}

type PartOutput<P> = P extends RequestPart ? z.output<z.ZodMiniObject<P>> : Record<string, never>;

/** What a handler is given: the parts its route declared, validated and typed. */
export interface RouteInput<D extends RouteDeclaration> {
  params: PartOutput<D['params']>;
  query: PartOutput<D['query']>;
  headers: PartOutput<D['headers']>;
  body: D['body'] extends BodyDeclaration<infer S> ? z.output<S> : undefined;
  /** The request URL, for answers that link to the server itself. */
  url: URL;
}

/** The request context without the raw request: what a handler may use besides its input. */
export type RouteContext = Omit<Context<AppEnv>, 'req'>;

export type RouteHandler<D extends RouteDeclaration> = (
  c: RouteContext,
  input: RouteInput<D>,
) => Response | Promise<Response>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `/v1/{path}/{id}` under prefix `/v1` → `/:path{needs|councils}/:id`, as Hono routes it. */
export function honoPath(route: RouteDeclaration, prefix: string): string {
  const base = prefix === '/' ? '' : prefix;
  if (!route.path.startsWith(base)) {
    throw new Error(`${route.method.toUpperCase()} ${route.path} is declared outside its area (${prefix})`);
  }
  const relative = route.path.slice(base.length) || '/';
  return relative.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const schema = route.params?.[name];
    if (!schema) throw new Error(`${route.path}: the path parameter "${name}" is not declared in params`);
    const options = (schema as Partial<z.ZodMiniEnum>).options;
    return options ? `:${name}{${options.map((o) => escapeRegExp(String(o))).join('|')}}` : `:${name}`;
  });
}

function fieldErrors(issues: z.core.$ZodIssue[], raw: (field: string) => unknown): FieldError[] {
  return issues.map((issue) => {
    const field = issue.path.join('.');
    const received = raw(field);
    return { field, message: `${issue.message}, got ${JSON.stringify(received)}`, received };
  });
}

/** Reads one part of the request that is a set of named strings (path, query, headers). */
function readNamedPart(
  where: 'path' | 'query' | 'header',
  schema: z.ZodMiniObject | undefined,
  values: Record<string, string | undefined>,
  refuseUnknown: boolean,
): Record<string, unknown> {
  const names = schema ? Object.keys(schema.shape) : [];
  const errors: FieldError[] = [];
  if (refuseUnknown) {
    for (const [name, value] of Object.entries(values)) {
      if (names.includes(name)) continue;
      errors.push({
        field: name,
        message: `this route takes no ${where} parameter "${name}"; it takes ${names.length ? names.join(', ') : 'none'}`,
        received: value,
      });
    }
  }
  const known = Object.fromEntries(names.map((name) => [name, values[name]]));
  const result = schema?.safeParse(known);
  if (result && !result.success) errors.push(...fieldErrors(result.error.issues, (field) => values[field]));
  if (errors.length > 0) {
    const part = where === 'header' ? 'headers' : `${where} parameters`;
    throw new BadRequestError(`Some ${part} need fixing.`, errors);
  }
  return result?.success ? (result.data as Record<string, unknown>) : {};
}

async function readBody(c: Context<AppEnv>, body: BodyDeclaration): Promise<unknown> {
  const raw = body.media === 'form' ? await c.req.parseBody() : await readJson(c, body.maxBytes);
  const result = body.schema.safeParse(raw);
  if (result.success) return result.data;
  throw new BadRequestError(
    body.refusal ?? 'The body needs fixing.',
    result.error.issues.map((issue) => ({
      field: issue.path.join('.') || (body.whole ?? 'body'),
      message:
        issue.code === 'unrecognized_keys' && body.unknownKeys ? body.unknownKeys(issue.keys) : issue.message,
    })),
  );
}

/** The schemas of a route's parts as objects, built on the route's first request and kept. */
function partsOf(route: RouteDeclaration) {
  const object = (part: RequestPart | undefined) => (part ? z.object(part) : undefined);
  return { params: object(route.params), query: object(route.query), headers: object(route.headers) };
}

async function readInput(
  c: Context<AppEnv>,
  route: RouteDeclaration,
  parts: ReturnType<typeof partsOf>,
): Promise<RouteInput<RouteDeclaration>> {
  const headerNames = Object.keys(route.headers ?? {});
  return {
    params: readNamedPart('path', parts.params, c.req.param() as Record<string, string>, false),
    query: readNamedPart('query', parts.query, c.req.query(), true),
    headers: readNamedPart(
      'header',
      parts.headers,
      Object.fromEntries(headerNames.map((name) => [name, c.req.header(name)])),
      false,
    ),
    body: route.body ? await readBody(c, route.body) : undefined,
    url: new URL(c.req.url),
  } as RouteInput<RouteDeclaration>;
}

/**
 * The routes of one area (functions/api/route-area.ts), each added with its declaration. Paths
 * are declared in full; the area mounts them under its prefix.
 */
export class AreaRoutes {
  readonly routes = new Hono<AppEnv>();
  readonly declared: RouteDeclaration[] = [];

  constructor(readonly prefix: string) {}

  on<const D extends RouteDeclaration>(route: D, handler: RouteHandler<D>): this {
    let parts: ReturnType<typeof partsOf> | undefined;
    this.declared.push(route);
    this.routes.on(route.method.toUpperCase(), honoPath(route, this.prefix), async (c) => {
      route.who?.(c.get('principal'));
      parts ??= partsOf(route);
      let input: RouteInput<RouteDeclaration>;
      try {
        input = await readInput(c, route, parts);
      } catch (error) {
        if (route.refuse && error instanceof BadRequestError) return route.refuse(c, error);
        throw error;
      }
      return handler(c, input as RouteInput<D>);
    });
    return this;
  }
}
