import path from 'node:path';

/** The project root, found from this file because ESM modules have no __dirname. */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

/** Lambda entry points: thin adapters in functions/handlers/, each exporting `handler`. */
export const HANDLER_ENTRIES = {
  api: path.join(PROJECT_ROOT, 'functions/handlers/api.ts'),
  aggregate: path.join(PROJECT_ROOT, 'functions/handlers/aggregate.ts'),
  reminders: path.join(PROJECT_ROOT, 'functions/handlers/reminders.ts'),
  publicSite: path.join(PROJECT_ROOT, 'functions/handlers/public-site.ts'),
} as const;

/** The built dashboard (static files); deployed only when it exists at synth time. */
export const DASHBOARD_DIST = path.join(PROJECT_ROOT, 'dashboard/dist');
