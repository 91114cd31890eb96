import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

/**
 * The note `npm start` leaves in its local table once reference and demo data are loaded, so a
 * second start reuses the data instead of loading it again. It is an item of its own (no index
 * attributes), invisible to record queries, and only ever written locally.
 */
export interface SeedMarker {
  loadedAt: string;
  /** The day the demo data was made for. */
  today: string;
  demoSeed: number;
  /** Regions filled with demo data; absent when all were. */
  demoRegionIds?: string[];
  rows: number;
}

const MARKER_KEY = { pk: 'LOCAL#SEED', sk: 'MARKER' };

export async function readSeedMarker(
  client: DynamoDBDocumentClient,
  tableName: string,
): Promise<SeedMarker | undefined> {
  const result = await client.send(
    new GetCommand({ TableName: tableName, Key: MARKER_KEY, ConsistentRead: true }),
  );
  if (!result.Item) return undefined;
  const { pk: _pk, sk: _sk, ...marker } = result.Item;
  return marker as SeedMarker;
}

export async function writeSeedMarker(
  client: DynamoDBDocumentClient,
  tableName: string,
  marker: SeedMarker,
): Promise<void> {
  await client.send(new PutCommand({ TableName: tableName, Item: { ...MARKER_KEY, ...marker } }));
}
