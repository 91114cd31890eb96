import path from 'node:path';
import type { ApiFunctionName } from '../../functions/api/api-functions.ts';

/** The project root, found from this file because ESM modules have no __dirname. */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

/** Lambda entry points: thin adapters in functions/handlers/, each exporting `handler`. */
export const HANDLER_ENTRIES = {
  /** The API's functions (functions/api/api-functions.ts): records, knowledge base, reports, public, pages. */
  api: path.join(PROJECT_ROOT, 'functions/handlers/api.ts'),
  knowledgeApi: path.join(PROJECT_ROOT, 'functions/handlers/knowledge-api.ts'),
  reportsApi: path.join(PROJECT_ROOT, 'functions/handlers/reports-api.ts'),
  publicApi: path.join(PROJECT_ROOT, 'functions/handlers/public-api.ts'),
  pagesApi: path.join(PROJECT_ROOT, 'functions/handlers/pages-api.ts'),
  aggregate: path.join(PROJECT_ROOT, 'functions/handlers/aggregate.ts'),
  reminders: path.join(PROJECT_ROOT, 'functions/handlers/reminders.ts'),
  digest: path.join(PROJECT_ROOT, 'functions/handlers/digest.ts'),
  publicSite: path.join(PROJECT_ROOT, 'functions/handlers/public-site.ts'),
} as const;

/** The entry of each of the API's functions (functions/api/api-functions.ts says what each serves). */
export const API_FUNCTION_HANDLERS = {
  records: 'api',
  knowledge: 'knowledgeApi',
  reports: 'reportsApi',
  public: 'publicApi',
  pages: 'pagesApi',
} as const satisfies Record<ApiFunctionName, keyof typeof HANDLER_ENTRIES>;

/** The built dashboard (static files); deployed only when it exists at synth time. */
export const DASHBOARD_DIST = path.join(PROJECT_ROOT, 'dashboard/dist');
