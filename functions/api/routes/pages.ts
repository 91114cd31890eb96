import * as z from 'zod/mini';
import '../../zod-english.ts';
import type { CouncilPages } from '../../pages/council-page.ts';
import type { RecordPages } from '../../pages/record-page.ts';
import { definitionForPath, RECORD_DEFINITIONS } from '../../records/registry.ts';
import { AreaRoutes, defineRoute } from '../declare-route.ts';
import type { OperationDoc } from '../operation-doc.ts';
import type { RouteArea } from '../route-area.ts';

const id = z.string().check(z.minLength(1), z.maxLength(100));
const typePath = z.enum(RECORD_DEFINITIONS.map((d) => d.path) as [string, ...string[]]);

const recordPage = defineRoute({
  method: 'get',
  path: '/v1/pages/{path}/{id}/record',
  params: { path: typePath, id },
});

const councilPage = defineRoute({
  method: 'get',
  path: '/v1/pages/councils/{id}',
  params: { id },
});

/**
 * What the partner site's record and council pages show, each in one request and already in
 * words: a record with its history, references and the records that point at it; a council's
 * partnership. Signed in like every /v1 route; each answer is scoped to the viewer (a record
 * outside their reach is refused in words, with whom to ask).
 */
export function pagesArea(pages: { records: RecordPages; councils: CouncilPages }): RouteArea {
  const area = new AreaRoutes('/v1/pages');
  area.on(recordPage, async (c, { params }) =>
    c.json(await pages.records.recordPage(c.get('principal'), definitionForPath(params.path)!, params.id)),
  );
  area.on(councilPage, async (c, { params }) =>
    c.json(await pages.councils.councilPage(c.get('principal'), params.id)),
  );
  return { name: 'pages', prefix: area.prefix, routes: area.routes, declared: area.declared };
}

/** The pages' operations in the OpenAPI document (build time only: see operation-doc.ts). */
export function pageOperations(): OperationDoc[] {
  const text = z.string().check(z.maxLength(20_000));
  const short = z.string().check(z.maxLength(500));
  const at = z.string().check(z.maxLength(40));
  const link = z.object({ typePath: short, id: short, name: short });
  const recordView = z.object({
    type: short,
    typePath: short,
    label: short,
    description: text,
    id: short,
    name: short,
    version: z.number(),
    createdAt: at,
    createdBy: short,
    updatedAt: at,
    updatedBy: short,
    deleted: z.optional(z.object({ at, by: short })),
    fields: z.array(
      z.object({
        name: short,
        title: short,
        help: text,
        text,
        links: z.optional(z.array(link)),
        derived: z.boolean(),
      }),
    ),
    history: z.array(
      z.object({
        version: z.number(),
        op: short,
        at,
        by: short,
        changes: z.array(z.object({ field: short, title: short, from: text, to: text })),
      }),
    ),
    signOffs: z.boolean(),
    referrers: z.array(
      z.object({
        typePath: short,
        label: short,
        pluralLabel: short,
        via: short,
        items: z.array(link),
        more: z.boolean(),
      }),
    ),
  });
  const named = { id: short, name: short };
  const councilView = z.object({
    council: z.object({
      id: short,
      name: short,
      kind: short,
      regionId: short,
      regionName: short,
      mayor: z.optional(short),
      taskforceMember: z.boolean(),
      membership: short,
    }),
    mayorsOffice: z.array(z.object({ name: z.optional(short), email: short })),
    advisers: z.array(z.object({ ...named, email: z.optional(short) })),
    agreement: z.optional(
      z.object({
        id: short,
        status: short,
        expectations: text,
        reviewBy: z.optional(at),
        agreedOn: z.optional(at),
        signOffs: z.array(z.object({ party: short, partyName: short, words: text, given: z.boolean() })),
      }),
    ),
    needs: z.array(z.object({ ...named, kind: short, identifiedOn: z.optional(at) })),
    strategies: z.array(
      z.object({
        goal: short,
        goalWords: short,
        byStatus: z.array(
          z.object({ status: short, items: z.array(z.object({ ...named, jointlySupported: z.boolean() })) }),
        ),
      }),
    ),
    hours: z.object({
      quarter: short,
      from: at,
      to: at,
      project: short,
      byAdviser: z.array(
        z.object({ adviserId: short, name: short, hours: z.number(), activities: z.number() }),
      ),
      total: z.number(),
    }),
    progressReport: z.optional(
      z.object({
        id: short,
        quarter: short,
        status: short,
        summary: z.optional(text),
        submittedOn: z.optional(at),
      }),
    ),
    indicators: z.array(
      z.object({
        id: short,
        period: short,
        people: z.optional(z.number()),
        youngPeople: z.optional(z.number()),
        source: z.optional(short),
      }),
    ),
    awaiting: z.array(
      z.object({
        party: short,
        partyName: short,
        typePath: short,
        id: short,
        title: short,
        requestedOf: z.optional(short),
      }),
    ),
  });
  return [
    {
      route: recordPage,
      operationId: 'getRecordPage',
      tags: ['Pages'],
      access: 'people',
      summary: "A record's page: the record in words, its history and what points at it",
      description:
        "What the partner site's record page (/records/{path}/{id}) shows, in one answer: every field with its title, help and value in words; references by name, with their pages where the viewer may read them; every version with who changed what, from what to what; whether the type takes sign-offs (their panel reads /v1/{path}/{id}/sign-offs); the records that point at it, by type, only where the viewer may read that type. A record outside the viewer's reach is refused (403) in words, naming whom to ask.",
      parameters: { path: 'The record type, as in /v1/{path}', id: 'The record' },
      parameterExamples: { path: 'needs', id: '01JBXNEED' },
      responses: {
        200: {
          description: 'The page',
          schema: recordView,
          example: {
            type: 'need',
            typePath: 'needs',
            label: 'Need',
            description: 'A local employment need or opportunity identified for a council.',
            id: '01JBXNEED',
            name: 'School leavers in the east',
            version: 2,
            createdAt: '2026-03-01T01:00:00.000Z',
            createdBy: 'aroha@ceg.example.nz',
            updatedAt: '2026-03-04T01:00:00.000Z',
            updatedBy: 'mayor@ccc.example.nz',
            fields: [
              {
                name: 'councilId',
                title: 'Council',
                help: 'The council whose community has the need',
                text: 'Christchurch City',
                links: [{ typePath: 'councils', id: 'christchurch-city', name: 'Christchurch City' }],
                derived: false,
              },
              { name: 'status', title: 'Status', help: 'Where it stands', text: 'Open', derived: false },
            ],
            history: [
              {
                version: 2,
                op: 'updated',
                at: '2026-03-04T01:00:00.000Z',
                by: 'mayor@ccc.example.nz',
                changes: [
                  {
                    field: 'description',
                    title: 'Description',
                    from: 'Not recorded',
                    to: 'Forty leavers a year without a plan',
                  },
                ],
              },
              {
                version: 1,
                op: 'created',
                at: '2026-03-01T01:00:00.000Z',
                by: 'aroha@ceg.example.nz',
                changes: [],
              },
            ],
            signOffs: false,
            referrers: [
              {
                typePath: 'strategies',
                label: 'Strategy',
                pluralLabel: 'Strategies',
                via: 'Needs met',
                items: [{ typePath: 'strategies', id: '01JBXSTRAT', name: 'Trades taster days' }],
                more: false,
              },
            ],
          },
        },
      },
      problems: [400, 401, 403, 404],
    },
    {
      route: councilPage,
      operationId: 'getCouncilPage',
      tags: ['Pages'],
      access: 'people',
      summary: "A council's partnership page",
      description:
        "What the partner site's council page (/councils/{id}) shows: Taskforce membership, the mayor's office and the advisers working with the council, the agreed expectations with both parties' sign-offs, open needs, strategies by goal and status, this quarter's hours recorded as \"MTFJ <council>\" by adviser, the region's latest progress report and the council's indicators, and what awaits either party. Its mayor's office, CEG staff of its region and national people of either party see the same facts; anyone else is refused (403) in words.",
      parameters: { id: 'The council' },
      parameterExamples: { id: 'christchurch-city' },
      responses: {
        200: {
          description: 'The page',
          schema: councilView,
          example: {
            council: {
              id: 'christchurch-city',
              name: 'Christchurch City',
              kind: 'city',
              regionId: 'canterbury',
              regionName: 'Canterbury',
              taskforceMember: true,
              membership: 'Member of the Mayors Taskforce for Jobs since 1 March 2001',
            },
            mayorsOffice: [{ name: "Christchurch Mayor's Office", email: 'mayor@ccc.example.nz' }],
            advisers: [{ id: '01JBXADV', name: 'Aroha Adviser', email: 'aroha@ceg.example.nz' }],
            needs: [],
            strategies: [
              {
                goal: '2005-youth',
                goalWords: 'By 2005, no young person under 25 out of work or training',
                byStatus: [],
              },
            ],
            hours: {
              quarter: '2026-Q4',
              from: '2026-10-01',
              to: '2026-12-31',
              project: 'MTFJ Christchurch',
              byAdviser: [{ adviserId: '01JBXADV', name: 'Aroha Adviser', hours: 12.5, activities: 3 }],
              total: 12.5,
            },
            indicators: [],
            awaiting: [],
          },
        },
      },
      problems: [400, 401, 403, 404],
    },
  ];
}
