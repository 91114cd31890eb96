import { pagesArea } from '../api/routes/pages.ts';
import { RecordService } from '../domain/record-service.ts';
import { CouncilPages } from '../pages/council-page.ts';
import { RecordPages } from '../pages/record-page.ts';
import { apiFunctionHandler } from './api-function.ts';

/**
 * Lambda entry for what the partner site's record and council pages read (/v1/pages/…):
 * read-only, one composed answer per page (functions/api/api-functions.ts).
 */
export const handler = apiFunctionHandler('pages', ({ store, directory }) => [
  pagesArea({
    records: new RecordPages(store, new RecordService(store, directory, console.error)),
    councils: new CouncilPages(store, directory),
  }),
]);
