import * as z from 'zod/mini';
import '../../zod-english.ts';
import { CHANGE_VERBS, type ChangeLog } from '../../domain/change-events.ts';
import { ChangeFeed, openRecordTypes } from '../../domain/change-feed.ts';
import { canRead } from '../../domain/principal.ts';
import { definitionForType, RECORD_DEFINITIONS } from '../../records/registry.ts';
import { AreaRoutes, defineRoute } from '../declare-route.ts';
import type { OperationDoc } from '../operation-doc.ts';
import { queryFields } from '../request.ts';
import type { RouteArea } from '../route-area.ts';

/** `need` (every change of a type) or `need.updated` (one kind of change), as the filter names them. */
function isChangeFilter(name: string): boolean {
  const [recordType, verb, ...rest] = name.split('.');
  return (
    rest.length === 0 &&
    definitionForType(recordType ?? '') !== undefined &&
    (verb === undefined || CHANGE_VERBS.includes(verb))
  );
}

const listChanges = defineRoute({
  method: 'get',
  path: '/v1/changes',
  query: {
    since: queryFields.cursor,
    types: z.optional(
      z.string().check(
        z.maxLength(2000),
        z.refine((value) => value.split(',').every(isChangeFilter), {
          error: `expected record types or change types, separated by commas, like need,agreement.signed-off (changes: ${CHANGE_VERBS.join(', ')})`,
        }),
      ),
    ),
    limit: queryFields.limit,
  },
});

/**
 * The change feed (GET /v1/changes): every committed change, in commit order, that the caller
 * may read, for people and machine clients who would otherwise poll every type's sync. The
 * cursor of each page is where the next one starts, so a consumer that was away reads on from
 * there and misses nothing (the feed reads a few seconds behind now: see CHANGE_SETTLE_MS).
 */
export function changesArea(log: ChangeLog | undefined, settleMs?: number): RouteArea {
  const area = new AreaRoutes('/v1/changes');
  const feed =
    log &&
    new ChangeFeed(
      log,
      openRecordTypes(RECORD_DEFINITIONS),
      (principal, event) => {
        const definition = definitionForType(event.recordType);
        return (
          definition !== undefined &&
          canRead(principal, definition, {
            regionId: event.regionId,
            councilId: event.councilId,
            sharedRegionId: event.sharedRegionId,
          })
        );
      },
      Date.now,
      settleMs,
    );
  area.on(listChanges, async (c, { query }) => {
    if (!feed) throw new Error('the change feed has no change log in this process');
    const names = query.types?.split(',') ?? [];
    const page = await feed.read(c.get('principal'), {
      cursor: query.since,
      eventTypes: names.filter((n) => n.includes('.')),
      recordTypes: names.filter((n) => !n.includes('.')),
      limit: query.limit ?? 100,
    });
    return c.json({
      items: page.items.map((event) => ({
        ...event,
        record: `/v1/${definitionForType(event.recordType)!.path}/${encodeURIComponent(event.recordId)}`,
      })),
      cursor: page.cursor,
      more: page.more,
    });
  });
  return { name: 'changes', prefix: area.prefix, routes: area.routes, declared: area.declared };
}

/** The change feed's operation in the OpenAPI document (build time only: see operation-doc.ts). */
export function changeOperations(): OperationDoc[] {
  const short = z.string().check(z.maxLength(200));
  const event = z.object({
    id: short,
    type: short,
    recordType: short,
    recordId: short,
    version: z.int().check(z.gte(1), z.lte(1_000_000_000)),
    regionId: short,
    councilId: z.optional(short),
    sharedRegionId: z.optional(short),
    at: short,
    by: short,
    record: short,
  });
  return [
    {
      route: listChanges,
      operationId: 'listChanges',
      tags: ['Changes'],
      access: 'read',
      summary: 'Every change you may read, in the order it was committed',
      description:
        "One change event per committed create, update, delete and sign-off of a record the caller may read (region, council, party), oldest first, kept 30 days. Start without `since`, then pass each page's `cursor` as `since`: the next page starts exactly after it, so a consumer that was away for an hour reads on and misses nothing. The feed reads ten seconds behind now, so a change committed while a page was read is never passed by. Each event names the record's API address: read it with your own token, so access is checked again. Webhook deliveries carry the same events.",
      parameters: {
        since: "The previous page's cursor; absent, from the oldest change kept",
        types:
          'Only these record types (need) or kinds of change (need.updated, agreement.signed-off), separated by commas',
        limit: 'At most this many changes (default 100)',
      },
      parameterExamples: { types: 'need,agreement.signed-off', limit: 50 },
      responses: {
        200: {
          description: 'A page of changes and where the next one starts',
          schema: z.object({
            items: z.array(event).check(z.maxLength(500)),
            cursor: z.string().check(z.maxLength(4000)),
            more: z.boolean(),
          }),
          example: {
            items: [
              {
                id: 'evt_3f1c9a0d2b7e4c5a8f6e1d2c3b4a5968',
                type: 'need.updated',
                recordType: 'need',
                recordId: '01JBXNEED',
                version: 3,
                regionId: 'canterbury',
                councilId: 'christchurch-city',
                at: '2026-11-30T02:15:04.120Z',
                by: 'aroha@ceg.example.nz',
                record: '/v1/needs/01JBXNEED',
              },
            ],
            cursor: 'eyJ2IjoxLCJxIjoiY2hhbmdlcyJ9',
            more: false,
          },
        },
      },
      problems: [400, 401, 403],
    },
  ];
}
