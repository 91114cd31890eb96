import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, inject } from 'vitest';
import { createDocumentClient } from '../../../functions/store/client.ts';
import { ensureRecordsTable } from '../../../functions/store/create-table.ts';
import { DynamoWebhookStore } from '../../../functions/store/webhook-store.ts';
import { describeWebhookStoreContract } from '../../support/webhook-store-contract.ts';

const endpoint = inject('dynamoEndpoint');
const client = createDocumentClient({ endpoint, localOnly: true });
afterAll(() => client.destroy());

describeWebhookStoreContract('the DynamoDB webhook store', async () => {
  const raw = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const tableName = `webhooks-${randomUUID()}`;
  await ensureRecordsTable(raw, tableName);
  raw.destroy();
  return new DynamoWebhookStore(client, tableName);
});
