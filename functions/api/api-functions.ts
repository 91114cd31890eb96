/**
 * How the API is split into Lambda functions in the cloud, declared once: the handlers
 * (functions/handlers/) mount the areas named here, and the stack (infra/lib/records-api.ts) routes
 * the paths named here to each function. Locally (`npm start`, the tests) one Node server mounts
 * every area instead. A test (test/offline/api/api-functions.test.ts) sends every documented
 * operation through the same routing and checks the function it reaches mounts the area that
 * answers it.
 *
 * Why split: the knowledge base builds an in-memory search index per process and the reports read
 * snapshot files from S3; in the records function they made every cold start heavier and gave the
 * function that writes records grants it never needed. Each function carries only its areas' code
 * and holds only the grants that code calls. See docs/decisions.md.
 *
 * Paths are in API Gateway's syntax (`{proxy+}` is the rest of the path). An HTTP API takes the
 * most specific route, so a path here wins over the records function's `/v1/{proxy+}`.
 */
export const API_FUNCTIONS = {
  /** Everything not routed elsewhere: records, sync, sign-offs, who am I, the user directory, the types. */
  records: { areas: ['meta', 'directory', 'sync', 'changes', 'sign-offs', 'records', 'webhooks'], paths: [] },
  /** The national knowledge base: a search index built in memory from one query per type. */
  knowledge: { areas: ['knowledge-base'], paths: ['/v1/knowledge-base'] },
  /** The dashboard snapshots and the quarterly and weekly reports: read-only, with the snapshot files. */
  reports: {
    areas: ['dashboard', 'weekly-report', 'digest-preview'],
    paths: ['/v1/dashboard/{proxy+}', '/v1/reports/{proxy+}', '/v1/digests/{proxy+}'],
  },
  /**
   * What the partner site's record and council pages read: one composed, read-only answer per
   * page (a record with its history, names and referrers; a council's partnership).
   */
  pages: { areas: ['pages'], paths: ['/v1/pages/{proxy+}'] },
  /**
   * What the internet reaches without a token, apart from the API's description: the open data
   * (HSDS, CSV, public records) and the reminder settings behind the link in every email (with
   * their signed-in twin). The only API function that may read the links' signing secret.
   */
  public: {
    areas: ['open-data', 'public', 'reminders', 'action-links', 'digest-links'],
    paths: [
      '/digest/web',
      '/digest/calendar.ics',
      '/hsds',
      '/hsds/{proxy+}',
      '/v1/public/{proxy+}',
      '/reminders/preferences',
      '/v1/me/reminder-preferences',
      '/links/actions/{proxy+}',
    ],
  },
} as const satisfies Record<string, { areas: readonly string[]; paths: readonly string[] }>;

export type ApiFunctionName = keyof typeof API_FUNCTIONS;

/** The function that takes every path no other function names. */
export const DEFAULT_API_FUNCTION: ApiFunctionName = 'records';

const PROXY = '{proxy+}';

/**
 * The function API Gateway sends a path to: a function naming the exact path, else the one whose
 * greedy path (`/v1/reports/{proxy+}`) matches with the longest prefix, else the default.
 */
export function apiFunctionFor(path: string): ApiFunctionName {
  let best: { name: ApiFunctionName; length: number } | undefined;
  for (const [name, fn] of Object.entries(API_FUNCTIONS) as [
    ApiFunctionName,
    { paths: readonly string[] },
  ][]) {
    for (const route of fn.paths) {
      if (route === path) return name;
      if (!route.endsWith(PROXY)) continue;
      const prefix = route.slice(0, -PROXY.length);
      if (path.startsWith(prefix) && path.length > prefix.length && prefix.length > (best?.length ?? -1))
        best = { name, length: prefix.length };
    }
  }
  return best?.name ?? DEFAULT_API_FUNCTION;
}
