/**
 * Records API against raw SDK calls on the same DynamoDB Local, in the same run, at each size:
 * push N new rows vs BatchWriteItem of the same items, push the same N rows edited (reported
 * beside), pull N rows vs Query, read one over HTTP vs GetItem with N records in the table.
 * Usage: npx tsx bench/records-api.ts [--rows 1000,10000,100000] [--reads 3000] [--concurrency 16]
 */
import { parseArgs } from 'node:util';
import { BatchWriteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { RecordService } from '../functions/domain/record-service.ts';
import { definitionForType } from '../functions/records/registry.ts';
import {
  type BenchEnvironment,
  httpRequest,
  ratio,
  startBenchEnvironment,
  throughput,
} from './bench-environment.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    reads: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '16' },
  },
});
const SIZES = args.rows.split(',').map(Number);
const READS = Number(args.reads);
const CONCURRENCY = Number(args.concurrency);
const PUSH_CHUNK = 500;

const seed = { kind: 'user' as const, id: 'system:bench', role: 'national' as const, regionIds: [] };

async function prepare(env: BenchEnvironment) {
  const service = new RecordService(env.store);
  await service.push(
    definitionForType('region')!,
    seed,
    [{ id: 'canterbury', values: { name: 'Canterbury', cegRegion: true } }],
    false,
  );
  await service.push(
    definitionForType('region')!,
    seed,
    [{ id: 'otago', values: { name: 'Otago', cegRegion: true } }],
    false,
  );
}

const practice = (i: number, regionId = 'canterbury') => ({
  regionId,
  title: `Practice ${i}`,
  summary: `What worked in case ${i}: mayor-led employer breakfasts and follow-up.`,
});

async function pushThroughApi(
  env: BenchEnvironment,
  token: string,
  rows: { id: string; values: unknown; baseVersion?: number }[],
  expect: 'created' | 'updated' = 'created',
) {
  const chunks: { id: string; values: unknown; baseVersion?: number }[][] = [];
  for (let i = 0; i < rows.length; i += PUSH_CHUNK) chunks.push(rows.slice(i, i + PUSH_CHUNK));
  let created = 0;
  // Two pushes in flight, as the add-on's fetchAll does.
  await throughput(chunks.length, 2, async (i) => {
    const response = await httpRequest(`${env.baseUrl}/v1/sync/practices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rows: chunks[i] }),
    });
    const body = JSON.parse(response.body) as { counts: Record<string, number> };
    created += body.counts[expect] ?? 0;
  });
  if (created !== rows.length) throw new Error(`push ${expect} ${created} of ${rows.length}`);
}

async function rawBatchWrite(env: BenchEnvironment, rows: { id: string; values: unknown }[]) {
  const batches: { id: string; values: unknown }[][] = [];
  for (let i = 0; i < rows.length; i += 25) batches.push(rows.slice(i, i + 25));
  await throughput(batches.length, CONCURRENCY, async (i) => {
    let items: Record<string, unknown>[] | undefined = batches[i]!.map((row) => ({
      PutRequest: {
        Item: {
          pk: `RAW#${row.id}`,
          sk: 'CURRENT',
          gsi1pk: 'raw#otago',
          gsi1sk: `2026#${row.id}`,
          ...(row as object),
        },
      },
    }));
    while (items && items.length > 0) {
      const result = await env.store.client.send(
        new BatchWriteCommand({ RequestItems: { [env.tableName]: items } }),
      );
      items = result.UnprocessedItems?.[env.tableName] as Record<string, unknown>[] | undefined;
    }
  });
}

async function measure(ROWS: number): Promise<string[]> {
  const env = await startBenchEnvironment(`bench-${ROWS}`);
  try {
    await prepare(env);
    const token = await env.signIn('bench@ceg.example.nz', 'national');
    const results: string[] = [];

    // Push: N new rows through POST /v1/sync (chunks of 500) vs raw BatchWriteItem.
    const ours = Array.from({ length: ROWS }, (_, i) => ({
      id: `p-${String(i).padStart(6, '0')}`,
      values: practice(i),
    }));
    const raw = Array.from({ length: ROWS }, (_, i) => ({
      id: `r-${String(i).padStart(6, '0')}`,
      values: practice(i, 'otago'),
    }));
    let t = performance.now();
    await rawBatchWrite(env, raw);
    const rawWriteRate = ROWS / ((performance.now() - t) / 1000);
    t = performance.now();
    await pushThroughApi(env, token, ours);
    const pushRate = ROWS / ((performance.now() - t) / 1000);
    results.push(
      `push ${ROWS} new rows: API ${pushRate.toFixed(0)} rows/s, raw BatchWriteItem ${rawWriteRate.toFixed(0)} rows/s, ratio ${ratio(pushRate, rawWriteRate)} (target >= 50%)`,
    );
    // The same rows edited, each naming the version it read: read, plan and write every row.
    const edited = ours.map((row, i) => ({
      ...row,
      baseVersion: 1,
      values: { ...row.values, summary: `${row.values.summary} Followed up in week ${i % 52}.` },
    }));
    t = performance.now();
    await pushThroughApi(env, token, edited, 'updated');
    const editRate = ROWS / ((performance.now() - t) / 1000);
    results.push(
      `push ${ROWS} edited rows: API ${editRate.toFixed(0)} rows/s, ${ratio(editRate, rawWriteRate)} of raw BatchWriteItem (reported beside)`,
    );
    // Pull: every row through GET /v1/sync pages of 500 vs raw paged Query of the same index.
    t = performance.now();
    let pulled = 0;
    let cursor: string | undefined;
    for (;;) {
      const response = await httpRequest(
        `${env.baseUrl}/v1/sync/practices?region=canterbury&limit=500${cursor ? `&since=${cursor}` : ''}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      const body = JSON.parse(response.body) as { items: unknown[]; more: boolean; cursor: string };
      pulled += body.items.length;
      cursor = body.cursor;
      if (!body.more) break;
    }
    const pullRate = pulled / ((performance.now() - t) / 1000);
    t = performance.now();
    let queried = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await env.store.client.send(
        new QueryCommand({
          TableName: env.tableName,
          IndexName: 'byRegion',
          KeyConditionExpression: 'gsi1pk = :p',
          ExpressionAttributeValues: { ':p': 'practice#canterbury' },
          ExclusiveStartKey: start,
        }),
      );
      queried += page.Items?.length ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    const queryRate = queried / ((performance.now() - t) / 1000);
    if (pulled !== ROWS || queried !== ROWS)
      throw new Error(`pulled ${pulled}, queried ${queried}, expected ${ROWS}`);
    results.push(
      `pull ${ROWS} rows: API ${pullRate.toFixed(0)} rows/s, raw Query ${queryRate.toFixed(0)} rows/s, ratio ${ratio(pullRate, queryRate)} (target >= 70%)`,
    );

    // Read one: GET /v1/practices/{id} vs GetItem, same concurrency, alternating to share conditions.
    const read = async (i: number) => {
      const response = await httpRequest(`${env.baseUrl}/v1/practices/${ours[i % ROWS]!.id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status !== 200) throw new Error(`read gave ${response.status}`);
    };
    const get = async (i: number) => {
      await env.store.client.send(
        new GetCommand({
          TableName: env.tableName,
          Key: { pk: `R#practice#${ours[i % ROWS]!.id}`, sk: 'CURRENT' },
          ConsistentRead: true,
        }),
      );
    };
    await throughput(200, CONCURRENCY, read); // warm-up
    await throughput(200, CONCURRENCY, get);
    const readRate = await throughput(READS, CONCURRENCY, read);
    const getRate = await throughput(READS, CONCURRENCY, get);
    results.push(
      `read one (${READS} requests, concurrency ${CONCURRENCY}): API ${readRate.toFixed(0)} req/s, raw GetItem ${getRate.toFixed(0)} req/s, ratio ${ratio(readRate, getRate)} (target >= 70%)`,
    );

    return results;
  } finally {
    await env.close();
  }
}

for (const size of SIZES) {
  console.log(`\n${size} rows, reads ${READS} at concurrency ${CONCURRENCY}:`);
  console.log((await measure(size)).join('\n'));
}
