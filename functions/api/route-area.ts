import type { Hono } from 'hono';
import type { RouteDeclaration } from './declare-route.ts';
import type { AppEnv } from './request.ts';

/**
 * One area of the API (records, sync, the dashboard, the knowledge base…): its own Hono sub-app,
 * with paths relative to `prefix`, mounted by the app shell with `app.route(prefix, routes)`. The
 * shell's middleware, not-found and error handling apply to every area.
 *
 * Mount order does not decide anything: no two areas claim the same method and path (a test holds
 * every documented operation to exactly one area), so each request has one area that answers it.
 */
export interface RouteArea {
  /** A stable name, used by the stack to send the area's paths to the function that serves it. */
  name: string;
  /** Where the area is mounted: its routes are relative to it ('' mounts at the root). */
  prefix: string;
  routes: Hono<AppEnv>;
  /** The declarations of its routes (functions/api/declare-route.ts), one per route it answers. */
  declared?: readonly RouteDeclaration[];
  /**
   * For a path no route takes: throws a DomainError that says what is wrong when the path is one
   * of this area's kind (a record type that does not exist), and returns otherwise.
   */
  refuseUnrouted?: (path: string) => void;
}
