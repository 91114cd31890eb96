import type { Hono } from 'hono';
import { apiDocsFile } from '../api-docs/site.ts';
import type { AppEnv } from '../functions/api/request.ts';

/**
 * An `extend(app)` hook that serves the self-hosted API reference at /docs/index.html, the same
 * files the dashboard site carries in the cloud. The API's own /docs route redirects here.
 */
export function apiDocsExtension(): (app: Hono<AppEnv>) => void {
  return (app) => {
    app.get('/docs/:file', async (c) => {
      const file = await apiDocsFile(c.req.param('file'));
      if (!file) return c.notFound();
      // The reference changes only with the code; a short cache keeps reloads quick.
      return c.body(file.body as never, 200, {
        'content-type': file.type,
        'cache-control': 'public, max-age=300',
      });
    });
  };
}
