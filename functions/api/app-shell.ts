import { cors } from 'hono/cors';
import { Hono } from 'hono/tiny';
import {
  BadRequestError,
  DomainError,
  GoneError,
  UnavailableError,
  ValidationFailedError,
  VersionConflictError,
} from '../domain/errors.ts';
import type { Authenticator } from './authenticate.ts';
import { unavailablePage } from './busy-page.ts';
import { requireOriginSecret } from './origin-verify.ts';
import { HttpProblemError, problemResponse } from './problem.ts';
import { isEmailPagePath, isPublicPath } from './public-routes.ts';
import type { AppEnv } from './request.ts';
import { logRequests, type RequestLogLine } from './request-log.ts';
import type { RouteArea } from './route-area.ts';
import { unroutedHandler } from './unrouted.ts';

/** What every area shares: who is calling, how requests are logged, how failures are answered. */
export interface ShellDependencies {
  authenticator: Authenticator;
  /** Where unexpected failures are reported (Powertools in Lambda, the console locally). */
  logError?: (message: string, error: unknown) => void;
  /** Where the original cause of a refusal is reported (a token library's reason, a database error). */
  logRefusal?: (message: string, error: unknown) => void;
  /**
   * In the cloud, the secret CloudFront adds to each request (`x-origin-verify`): requests without it
   * did not pass the web application firewall and are refused before anything else happens.
   */
  originSecret?: string;
  /** Where the one line per request goes (JSON to CloudWatch in Lambda); no request log without it. */
  logRequest?: (line: RequestLogLine) => void;
  /** Browser origins allowed to call the API (CORS); none when empty. `*` allows any (npm start). */
  corsOrigins?: string[];
}

/** Every request header the OpenAPI document names, so a browser client may send each of them. */
const CORS_REQUEST_HEADERS = [
  'Authorization',
  'Content-Type',
  'If-Match',
  'If-None-Match',
  'Idempotency-Key',
];

/** What a part not answering meant for this request: nothing read, or nothing changed. */
function unansweredDetail(error: UnavailableError, method: string): string {
  const reading = method === 'GET' || method === 'HEAD';
  return `${error.message} ${reading ? 'Nothing could be read' : 'Nothing was changed'}: try again in a minute.`;
}

/**
 * The app around the areas: request log, origin secret, CORS, authentication and no-store headers
 * for every request; then each area mounted with `app.route()`; then one answer for what no route
 * takes (405 with Allow, or 404) and one mapping from errors to problem responses. npm start and
 * the tests mount every area; in the cloud each function mounts the areas it serves.
 */
export function assembleApp(deps: ShellDependencies, areas: readonly RouteArea[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  if (deps.logRequest) app.use('*', logRequests(deps.logRequest));
  if (deps.originSecret) app.use('*', requireOriginSecret(deps.originSecret));
  if (deps.corsOrigins?.length) {
    // Preflights are answered here, before authentication: a browser sends them without a token.
    app.use(
      '*',
      cors({
        origin: deps.corsOrigins.includes('*') ? '*' : deps.corsOrigins,
        allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowHeaders: CORS_REQUEST_HEADERS,
        exposeHeaders: ['ETag', 'Location', 'Allow', 'WWW-Authenticate'],
        maxAge: 3600,
      }),
    );
  }

  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    // Everything under /v1 needs a token except the public routes (public-routes.ts); nothing
    // else holds data.
    if (c.req.path.startsWith('/v1/') && !isPublicPath(c.req.path)) {
      c.set('principal', await deps.authenticator.authenticate(c.req.header('authorization')));
    }
    await next();
  });

  for (const area of areas) app.route(area.prefix, area.routes);

  app.notFound(unroutedHandler(app, areas));

  app.onError((error, c) => {
    if (error instanceof HttpProblemError) return problemResponse(c, error.code, error.message);
    if (error instanceof DomainError) {
      // The original failure (a token library's reason, a database error) stays in the logs only.
      if (error.cause) deps.logRefusal?.(`Refused with ${error.code}`, error);
      const extra: Record<string, unknown> = {};
      if (error instanceof ValidationFailedError || error instanceof BadRequestError) {
        if (error.errors.length > 0) extra.errors = error.errors;
      }
      if (error instanceof VersionConflictError && error.current) {
        extra.current = error.current;
        c.header('ETag', `"${error.current.version}"`);
      }
      if (error instanceof GoneError) extra.current = error.record;
      if (error instanceof UnavailableError && error.dependency) {
        // The pages people open from an email answer as a page; everything else as problem+json.
        if (isEmailPagePath(c.req.path)) return unavailablePage(c);
        return problemResponse(c, 'unavailable', unansweredDetail(error, c.req.method));
      }
      if (error.code === 'unauthenticated')
        c.header('WWW-Authenticate', 'Bearer realm="partnership-records"');
      return problemResponse(c, error.code, error.message, extra);
    }
    deps.logError?.('Unexpected failure', error);
    return problemResponse(
      c,
      'internal',
      'The request failed unexpectedly and nothing was changed by the failed step. Try again; if it keeps failing, tell the Partnership Records team the time it happened.',
    );
  });

  return app;
}
