import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { API_FUNCTIONS, type ApiFunctionName } from '../api/api-functions.ts';
import { assembleApp } from '../api/app-shell.ts';
import { Authenticator } from '../api/authenticate.ts';
import type { RouteArea } from '../api/route-area.ts';
import { type ApiConfig, ConfigurationError, readApiConfig } from '../config.ts';
import { useAccessContact } from '../domain/principal.ts';
import { createDocumentClient } from '../store/client.ts';
import { RecordStore } from '../store/record-store.ts';
import { DynamoUserDirectory } from '../store/user-directory.ts';

/** What every API function is made of, for its areas to use. */
export interface ApiFunctionParts {
  config: ApiConfig;
  client: ReturnType<typeof createDocumentClient>;
  store: RecordStore;
  directory: DynamoUserDirectory;
  authenticator: Authenticator;
}

/**
 * A Lambda entry serving some areas of the API (see functions/api/api-functions.ts): the same shell
 * as `npm start` (authentication, request log, origin check, CORS, 404/405, problems) around only
 * the areas this function is routed, built once per container so that JWKS and directory caches
 * survive between invocations. The development issuer is refused here: only local runs allow it.
 */
export function apiFunctionHandler(name: ApiFunctionName, areasOf: (parts: ApiFunctionParts) => RouteArea[]) {
  const config = readApiConfig(process.env);
  useAccessContact(config.accessContact);

  const client = createDocumentClient({ region: config.region });
  const store = new RecordStore(client, config.tableName);
  const directory = new DynamoUserDirectory(client, config.tableName);
  const authenticator = new Authenticator(config.issuers, directory);
  const areas = areasOf({ config, client, store, directory, authenticator });
  checkAreas(name, areas);

  const app = assembleApp(
    {
      authenticator,
      // Pages of the dashboard site may call the API from the browser.
      corsOrigins: config.corsOrigins,
      // Set by the stack: the API answers only requests that came through CloudFront and its firewall.
      originSecret: config.originSecret,
      // One JSON line per request with its correlation id and principal, in the function's JSON log.
      logRequest: (line) => console.info(line),
      // The function's log format is JSON (see infra/lib/node-function.ts): console output becomes a
      // structured line with the request id, which keeps a logging library out of this bundle.
      logError: (message, error) => console.error(message, error),
      logRefusal: (message, error) => console.warn(message, error),
    },
    areas,
  );
  const honoHandler = handle(app);

  return async (event: APIGatewayProxyEventV2, context: Context) =>
    // Hono's own event type differs from @types/aws-lambda only in details (body null vs undefined, authorizer optional).
    honoHandler(event as unknown as Parameters<typeof honoHandler>[0], context);
}

/** The stack routes this function the paths of exactly these areas: a mismatch would leave routes unanswered. */
function checkAreas(name: ApiFunctionName, areas: RouteArea[]): void {
  const mounted = areas.map((area) => area.name).sort();
  const declared = [...API_FUNCTIONS[name].areas].sort();
  if (mounted.join() !== declared.join()) {
    throw new ConfigurationError(
      `The ${name} API function mounts ${mounted.join(', ')} but functions/api/api-functions.ts routes it ${declared.join(', ')}; make the two agree.`,
    );
  }
}
