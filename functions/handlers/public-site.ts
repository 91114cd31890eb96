import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { readPublicSiteConfig } from '../config.ts';
import { LiveDirectory, PUBLIC_DIRECTORY_REFRESH_MS } from '../directory/live-directory.ts';
import { CachedPublicEvents } from '../events/public-events.ts';
import { createPublicSite } from '../public-site/site.ts';
import { createDocumentClient } from '../store/client.ts';
import { CurrentRecordsReader } from '../store/current-records-reader.ts';

/**
 * Lambda entry for the public website: its own function (not the records API's), so the pages'
 * templates never weigh on the API's cold start, and it may only read the table. The directory
 * is read once per container, then kept current by "changed since" queries at most every
 * PUBLIC_DIRECTORY_REFRESH_MS; CloudFront keeps each page five minutes.
 */
const config = readPublicSiteConfig(process.env);

const records = new CurrentRecordsReader(createDocumentClient({ region: config.region }), config.tableName);
const app = createPublicSite({
  directory: new LiveDirectory(records, { refreshEveryMs: PUBLIC_DIRECTORY_REFRESH_MS }),
  events: new CachedPublicEvents(records, 60_000),
  siteUrl: config.siteUrl,
  logError: (message, error) => console.error(message, error),
});
const honoHandler = handle(app);

export const handler = async (event: APIGatewayProxyEventV2, context: Context) =>
  honoHandler(event as unknown as Parameters<typeof honoHandler>[0], context);
