import * as z from 'zod/mini';
import english from 'zod/v4/locales/en.js';

/**
 * zod/mini loads no locale, so a check without its own `error` would answer "Invalid input". Some
 * of our messages are zod's English ("Too big: expected string to have <=100 characters" for a
 * query parameter, "Unrecognized key" for a directory entry, "expected object, received array"
 * for a body), so the English locale is configured here, once, for every schema. Imported for its
 * effect by the modules whose schemas rely on it. It costs about 3 KB of the API bundle; a
 * hand-written copy of the few messages we use would save 2.3 KB but could drift from zod's
 * wording (bench/RESULTS.md, "Issue 9: zod mini").
 */
z.config(english());
