import type { Context } from 'hono';
import { RETRY_AFTER_SECONDS } from './problem.ts';

/**
 * The page a person sees when a link from an email (an action, reminder settings, a digest) is
 * opened while the database does not answer: the link is fine, the wait is short.
 */
export function unavailablePage(c: Context): Response {
  return c.html(
    `<!doctype html><html lang="en-NZ"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>Try again in a minute</title></head><body style="font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5"><main><h1>Try again in a minute</h1><p role="alert">Partnership Records could not reach its records just now. Your link is fine and nothing was changed: open it again in a minute or two.</p></main></body></html>`,
    503,
    { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  );
}
