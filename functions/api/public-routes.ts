/**
 * Routes anyone may call without a token, declared once: the app lets them past authentication
 * (functions/api/app.ts) and the stack routes them past its JWT authorizer
 * (infra/lib/records-api.ts). Paths are in API Gateway's syntax: `{proxy+}` stands for the rest
 * of the path.
 */
export const PUBLIC_ROUTES = [
  { method: 'GET', path: '/healthz' },
  { method: 'GET', path: '/healthz/ready' },
  { method: 'GET', path: '/openapi.json' },
  { method: 'GET', path: '/docs' },
  { method: 'GET', path: '/v1/types' },
  { method: 'GET', path: '/v1/public/{proxy+}' },
  // The reminder settings page behind the link in every email: its signed token is the authority.
  { method: 'GET', path: '/reminders/preferences', page: true },
  { method: 'POST', path: '/reminders/preferences', page: true },
  // The owner's page of one action, behind the link in their reminder: its signed token is the authority.
  { method: 'GET', path: '/links/actions/{proxy+}', page: true },
  { method: 'POST', path: '/links/actions/{proxy+}', page: true },
  // A digest's web version and a member's group calendar: the signed token names the member and group.
  { method: 'GET', path: '/digest/web', page: true },
  { method: 'GET', path: '/digest/calendar.ics' },
  // The service directory as open data (HSDS 3.0), served behind the public website too.
  { method: 'GET', path: '/hsds' },
  { method: 'GET', path: '/hsds/{proxy+}' },
] as const satisfies readonly { method: 'GET' | 'POST'; path: string; page?: true }[];

const PROXY = '{proxy+}';

/**
 * Whether a path is one of the public routes, whatever the method: a wrong method on a public path
 * is then answered 405, not 401.
 */
export function isPublicPath(path: string): boolean {
  return PUBLIC_ROUTES.some((route) => matches(route.path, path));
}

/**
 * Whether a path is a page people open from an email (`page: true` above): those answer a fault
 * with a page in words, the rest with problem+json.
 */
export function isEmailPagePath(path: string): boolean {
  return PUBLIC_ROUTES.some((route) => 'page' in route && matches(route.path, path));
}

function matches(routePath: string, path: string): boolean {
  return routePath.endsWith(PROXY)
    ? path.startsWith(routePath.slice(0, -PROXY.length)) && path.length > routePath.length - PROXY.length
    : path === routePath;
}
