import { changesArea } from '../api/routes/changes.ts';
import { directoryArea } from '../api/routes/directory.ts';
import { metaArea } from '../api/routes/meta.ts';
import { recordsArea } from '../api/routes/records.ts';
import { signOffsArea } from '../api/routes/sign-offs.ts';
import { syncArea } from '../api/routes/sync.ts';
import { webhooksArea } from '../api/routes/webhooks.ts';
import { RecordService } from '../domain/record-service.ts';
import { SignOffService } from '../domain/sign-off-service.ts';
import { DynamoChangeLog } from '../store/change-log.ts';
import { apiFunctionHandler } from './api-function.ts';

/**
 * Lambda entry for the records API: records, sync, sign-offs, who am I and the user directory,
 * and the type catalogue; every path the stack does not send to another API function
 * (functions/api/api-functions.ts).
 */
export const handler = apiFunctionHandler(
  'records',
  ({ config, client, store, directory, authenticator }) => {
    const service = new RecordService(store, directory, (message, error) => console.error(message, error));
    return [
      // The API reference is published with the dashboard site (api-docs/, written by dashboard:build),
      // and the OpenAPI document is built with it; the builder is not in this bundle (see routes/meta.ts).
      metaArea(config.docsUrl, config.openApiUrl ? { url: config.openApiUrl } : undefined),
      directoryArea(directory, authenticator, store),
      syncArea(service),
      changesArea(new DynamoChangeLog(client, config.tableName)),
      // Until the webhooks' own function and delivery queue are deployed, these answer 503.
      webhooksArea(undefined),
      signOffsArea(store, service, new SignOffService(store)),
      recordsArea(service),
    ];
  },
);
