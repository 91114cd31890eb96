import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ChangeEvent, ChangeLog, ChangePage, ChangeQuery } from '../domain/change-events.ts';
import {
  CHANGE_EVENT_SK,
  CHANGES_PARTITION,
  changeEventPk,
  positionUntil,
  toChangeEvent,
} from './change-event-items.ts';
import { changeCursor, changeCursorPosition } from './cursor.ts';
import { TABLE_INDEXES } from './table-schema.ts';

/** How many index pages one feed page may read before it answers with what it found (filters thin pages). */
const MAX_QUERY_PAGES = 5;

/**
 * The change log in the records table: events on the national index in commit-stamp order, the
 * reader's scope and type filters applied by DynamoDB (`FilterExpression`), so one query order
 * serves national staff, a region and a mayor's office alike.
 */
export class DynamoChangeLog implements ChangeLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async changeEvent(id: string): Promise<ChangeEvent | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: changeEventPk(id), sk: CHANGE_EVENT_SK } }),
    );
    return result.Item ? toChangeEvent(result.Item) : undefined;
  }

  async changes(query: ChangeQuery): Promise<ChangePage> {
    const after = changeCursorPosition(query.cursor);
    const index = TABLE_INDEXES.byType;
    const names: Record<string, string> = { '#pk': index.partitionKey, '#sk': index.sortKey };
    // Strictly after the last position: every position is longer than the one before it shares.
    const values: Record<string, unknown> = {
      ':p': CHANGES_PARTITION,
      ':lo': after ? `${after}\u0001` : (query.from ?? ' '),
      ':hi': positionUntil(query.until),
    };
    const filters = filterOf(query, names, values);
    if (filters === NOTHING) return { items: [], more: false, cursor: changeCursor(after) };
    const items: ChangeEvent[] = [];
    let start: Record<string, unknown> | undefined;
    let position = after;
    for (let page = 0; page < MAX_QUERY_PAGES && items.length < query.limit; page++) {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.name,
          KeyConditionExpression: '#pk = :p AND #sk BETWEEN :lo AND :hi',
          ...(filters ? { FilterExpression: filters } : {}),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ScanIndexForward: true,
          Limit: query.limit - items.length,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of result.Items ?? []) {
        items.push(toChangeEvent(item));
        position = String(item[index.sortKey]);
      }
      start = result.LastEvaluatedKey;
      // Filtered-out items still move the position on, so a sparse scope makes progress.
      if (start) position = String(start[index.sortKey]);
      if (!start) return { items, more: false, cursor: changeCursor(position) };
    }
    return { items, more: !!start, cursor: changeCursor(position) };
  }
}

const NOTHING = 'nothing';

/** The scope and type filters as one FilterExpression (IN takes at most 100 values), or NOTHING. */
function filterOf(
  query: ChangeQuery,
  names: Record<string, string>,
  values: Record<string, unknown>,
): string | undefined {
  let n = 0;
  const list = (items: readonly string[]) =>
    items
      .map((item) => {
        const key = `:v${n++}`;
        values[key] = item;
        return key;
      })
      .join(', ');
  const anyOf = (attribute: string, items: readonly string[]) => {
    if (!items.length) return undefined;
    names[`#${attribute}`] = attribute;
    return `#${attribute} IN (${list(items)})`;
  };
  const parts: string[] = [];
  const { scope } = query;
  if (scope.kind !== 'all') {
    const reach =
      scope.kind === 'councils'
        ? [anyOf('councilId', scope.councilIds)]
        : [anyOf('regionId', scope.regionIds), anyOf('sharedRegionId', scope.regionIds)];
    const open = anyOf('recordType', scope.openRecordTypes);
    const either = [...reach, open].filter(Boolean);
    // A reader who reaches nothing and may read no open type sees nothing.
    if (!either.length) return NOTHING;
    parts.push(`(${either.join(' OR ')})`);
  }
  const types = [
    query.eventTypes?.length ? anyOf('type', query.eventTypes) : undefined,
    query.recordTypes?.length ? anyOf('recordType', query.recordTypes) : undefined,
  ].filter(Boolean);
  if (types.length) parts.push(`(${types.join(' OR ')})`);
  return parts.length ? parts.join(' AND ') : undefined;
}
