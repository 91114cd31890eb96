import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Principal } from '../../../functions/domain/principal.ts';
import { RecordService } from '../../../functions/domain/record-service.ts';
import { definitionForPath } from '../../../functions/records/registry.ts';
import { DynamoChangeLog } from '../../../functions/store/change-log.ts';
import { createDocumentClient } from '../../../functions/store/client.ts';
import { ensureRecordsTable } from '../../../functions/store/create-table.ts';
import { RecordStore } from '../../../functions/store/record-store.ts';
import { describeRecordRepositoryContract } from '../../support/record-repository-contract.ts';

const endpoint = inject('dynamoEndpoint');
const client = createDocumentClient({ endpoint, localOnly: true });
afterAll(() => client.destroy());

describeRecordRepositoryContract(
  'the DynamoDB store',
  async () => {
    const raw = new DynamoDBClient({
      endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const tableName = `contract-${randomUUID()}`;
    await ensureRecordsTable(raw, tableName);
    raw.destroy();
    return new RecordStore(client, tableName);
  },
  (store) => new DynamoChangeLog(client, (store as RecordStore).tableName),
);

describe('the DynamoDB store: a commit whose answer is lost', () => {
  it('should report the change as saved, not as a conflict, when its retry finds it committed', async () => {
    // Prepare: a store whose next transaction commits but whose answer never arrives.
    const raw = new DynamoDBClient({
      endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const tableName = `lost-${randomUUID()}`;
    await ensureRecordsTable(raw, tableName);
    raw.destroy();
    let loseNextAnswer = false;
    let lost = 0;
    const lossy = Object.create(client) as DynamoDBDocumentClient;
    lossy.send = (async (command: TransactWriteCommand) => {
      const answer = await client.send(command);
      if (command instanceof TransactWriteCommand && loseNextAnswer) {
        loseNextAnswer = false;
        lost++;
        throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
      }
      return answer;
    }) as DynamoDBDocumentClient['send'];
    const store = new RecordStore(lossy, tableName);
    const service = new RecordService(store);
    const national: Principal = { kind: 'user', id: 'nat@ceg.example.nz', role: 'national', regionIds: [] };
    await service.change(definitionForPath('regions')!, national, {
      id: 'otago',
      values: { name: 'Otago', cegRegion: true },
    });
    loseNextAnswer = true;

    // Act
    const result = await service.push(
      definitionForPath('practices')!,
      national,
      [{ id: 'p1', values: { regionId: 'otago', title: 'Saved once', summary: 'Despite a lost answer' } }],
      false,
    );

    // Assess
    expect(lost).toBe(1);
    expect(result.rows[0]).toMatchObject({ id: 'p1', status: 'created', version: 1 });
    expect((await store.history('practice', 'p1', 10)).items.map((e) => e.version)).toEqual([1]);
  });
});
