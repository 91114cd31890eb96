import * as z from 'zod/mini';
import '../../zod-english.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { RecordRepository } from '../../domain/record-repository.ts';
import type { RecordService } from '../../domain/record-service.ts';
import { awaitingForPerson, awaitingForPrincipalParty } from '../../domain/sign-off-queries.ts';
import type { SignOffService } from '../../domain/sign-off-service.ts';
import type { RecordDefinition, StoredRecord } from '../../records/definition.ts';
import { definitionForPath, SIGN_OFF_DEFINITIONS } from '../../records/registry.ts';
import { PARTIES, signedText } from '../../records/sign-offs.ts';
import { AreaRoutes, type BodyDeclaration, defineRoute, type RouteContext } from '../declare-route.ts';
import type { OperationDoc } from '../operation-doc.ts';
import { etag } from '../request.ts';
import type { RouteArea } from '../route-area.ts';

const MAX_BODY = 16 * 1024;

/** The record types that take sign-offs, as their definitions say (agreements, communications, publicity). */
const signablePath = z.enum(SIGN_OFF_DEFINITIONS.map((d) => d.path) as [string, ...string[]]);
const recordParams = { path: signablePath, id: z.string().check(z.minLength(1), z.maxLength(100)) };
const comment = z.optional(z.string().check(z.maxLength(2000)));

const unknownFields = (keys: string[]) => `unknown field(s) ${keys.join(', ')}`;
const body = <S extends z.ZodMiniType>(schema: S, shape: string): BodyDeclaration<S> => ({
  schema,
  maxBytes: MAX_BODY,
  refusal: `The body must be ${shape}.`,
  unknownKeys: unknownFields,
});

const requestBody = z.strictObject({
  party: z.enum(PARTIES, { error: 'expected ceg or taskforce' }),
  requestedOf: z.optional(z.string().check(z.maxLength(254))),
  comment,
});
const answerBody = z.strictObject({
  version: z.number({ error: 'expected the version number you read' }).check(z.int(), z.gte(1)),
  comment,
});
const withdrawBody = z.strictObject({ comment });

const awaitingSignOffs = defineRoute({
  method: 'get',
  path: '/v1/sign-offs/awaiting',
  query: { for: z.optional(z.enum(['me', 'party'], { error: 'expected me or party' })) },
});

const recordSignOffs = defineRoute({
  method: 'get',
  path: '/v1/{path}/{id}/sign-offs',
  params: recordParams,
});

const requestSignOff = defineRoute({
  method: 'post',
  path: '/v1/{path}/{id}/sign-offs/request',
  params: recordParams,
  body: body(requestBody, '{"party": "ceg|taskforce", "requestedOf"?: "email", "comment"?: "..."}'),
});
const giveSignOff = defineRoute({
  method: 'post',
  path: '/v1/{path}/{id}/sign-offs/agree',
  params: recordParams,
  body: body(answerBody, '{"version": 3, "comment"?: "..."}'),
});
const declineSignOff = defineRoute({
  method: 'post',
  path: '/v1/{path}/{id}/sign-offs/not-yet',
  params: recordParams,
  body: body(answerBody, '{"version": 3, "comment": "..."}'),
});
const withdrawSignOff = defineRoute({
  method: 'post',
  path: '/v1/{path}/{id}/sign-offs/withdraw',
  params: recordParams,
  body: body(withdrawBody, '{"comment"?: "..."}'),
});

/** A record type's definition from its path (the route takes only the types that have sign-offs). */
const signable = (path: string): RecordDefinition => definitionForPath(path)!;

/** `/v1/needs/<id>/sign-offs…`: the type exists but takes no sign-offs, which a plain 404 would not say. */
function refuseUnsignable(path: string): void {
  const type = /^\/v1\/([^/]+)\/[^/]+\/sign-offs(?:\/|$)/.exec(path)?.[1];
  const definition = type === undefined ? undefined : definitionForPath(type);
  if (definition && !definition.signOff) {
    throw new NotFoundError(
      `${definition.pluralLabel} do not take sign-offs; ${SIGN_OFF_DEFINITIONS.map((d) => d.pluralLabel.toLowerCase()).join(', ')} do.`,
    );
  }
}

/**
 * Sign-offs under /v1: what awaits me or my party, a record's sign-offs with what changed since
 * each party last agreed, and the four acts (request, agree, not yet, withdraw).
 */
export function signOffsArea(
  store: RecordRepository,
  records: RecordService,
  signOffs: SignOffService,
): RouteArea {
  const area = new AreaRoutes('/v1');
  area.on(awaitingSignOffs, async (c, { query }) => {
    const principal = c.get('principal');
    const items =
      query.for === 'me'
        ? await awaitingForPerson(store, principal)
        : await awaitingForPrincipalParty(store, principal);
    return c.json({ for: query.for ?? 'party', party: principal.party ?? 'ceg', items });
  });

  area.on(recordSignOffs, async (c, { params }) => {
    const definition = signable(params.path);
    const record = await records.get(definition, c.get('principal'), params.id);
    const spec = definition.signOff!;
    const text = signedText(spec, record.values);
    const parties = PARTIES.map((party) => {
      const state = record.signOffs?.[party];
      const last = state?.given ?? state?.lastGiven;
      // Field by field, what the signed text was when this party last agreed and what it is now.
      const sinceLastAgreed = last
        ? spec.signedFields
            .filter((f) => JSON.stringify(last.text[f] ?? null) !== JSON.stringify(text[f] ?? null))
            .map((field) => ({ field, agreed: last.text[field], now: text[field] }))
        : [];
      return { party, state: state?.state ?? 'not-requested', signOff: state, sinceLastAgreed };
    });
    c.header('ETag', etag(record.version));
    return c.json({
      type: definition.type,
      id: record.id,
      version: record.version,
      meaning: spec.meaning,
      signedFields: spec.signedFields.map((name) => {
        const field = definition.fields.find((f) => f.name === name)!;
        return { name, title: field.title };
      }),
      text,
      parties,
      record,
    });
  });

  // The four acts: each acts as the signed-in person on its validated body and answers the record.
  const act =
    <B>(run: (d: RecordDefinition, p: Principal, id: string, body: B) => Promise<StoredRecord>) =>
    async (c: RouteContext, input: { params: { path: string; id: string }; body: B }) => {
      const record = await run(signable(input.params.path), c.get('principal'), input.params.id, input.body);
      c.header('ETag', etag(record.version));
      return c.json(record);
    };
  area.on(
    requestSignOff,
    act((d, p, id, b) => signOffs.request(d, p, id, b)),
  );
  area.on(
    giveSignOff,
    act((d, p, id, b) => signOffs.give(d, p, id, b)),
  );
  area.on(
    declineSignOff,
    act((d, p, id, b) => signOffs.notYet(d, p, id, b)),
  );
  area.on(
    withdrawSignOff,
    act((d, p, id, b) => signOffs.withdraw(d, p, id, b)),
  );

  return {
    name: 'sign-offs',
    prefix: area.prefix,
    routes: area.routes,
    declared: area.declared,
    refuseUnrouted: refuseUnsignable,
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const recordParameters = {
  path: 'A record type that takes sign-offs',
  id: "The record's id",
};

/** The sign-off operations in the OpenAPI document (build time only: see operation-doc.ts). */
export function signOffOperations(): OperationDoc[] {
  const act = (
    route: OperationDoc['route'],
    operationId: string,
    summary: string,
    description: string,
    example: unknown,
  ): OperationDoc => ({
    route,
    operationId,
    tags: ['Sign-offs'],
    // Sign-offs are a person's consent: people only, never machine clients.
    access: 'people',
    summary,
    description,
    parameters: recordParameters,
    parameterExamples: { path: SIGN_OFF_DEFINITIONS[0]?.path },
    body: { example },
    responses: {
      200: {
        description: 'The record as it now stands, with its sign-offs',
        schema: ref('AnyRecord'),
        headers: ['ETag'],
      },
    },
    problems: [400, 401, 403, 404, 409, 410, 413, 415],
  });
  return [
    {
      route: awaitingSignOffs,
      operationId: 'listAwaitingSignOffs',
      tags: ['Sign-offs'],
      access: 'read',
      summary: 'What awaits me, or my party',
      description:
        "Records awaiting your party's sign-off within your reach (`for=party`, the default), or only those asked of you by name (`for=me`), oldest request first.",
      parameters: { for: 'me or party (default party)' },
      responses: {
        200: {
          description: 'The awaiting sign-offs',
          schema: ref('AwaitingSignOffs'),
          example: {
            for: 'me',
            party: 'taskforce',
            items: [
              {
                type: 'agreement',
                path: 'agreements',
                id: 'agreement-christchurch-city-2',
                title: 'Monthly meetings with the mayor; the adviser drafts the youth employment plan.',
                regionId: 'canterbury',
                councilId: 'christchurch-city',
                party: 'taskforce',
                version: 7,
                updatedAt: '2026-11-20T02:10:00.000Z',
                requestedBy: 'adviser@ceg.example.nz',
                requestedAt: '2026-11-20T02:10:00.000Z',
                requestedOf: 'mayor@ccc.example.nz',
              },
            ],
          },
        },
      },
      problems: [400, 401, 403],
    },
    {
      route: recordSignOffs,
      operationId: 'getSignOffs',
      tags: ['Sign-offs'],
      access: 'read',
      summary: "A record's sign-offs and what changed since each party agreed",
      description:
        'The signed text as it now is, each party’s sign-off, and field by field what changed since the party last agreed.',
      parameters: recordParameters,
      parameterExamples: { path: SIGN_OFF_DEFINITIONS[0]?.path },
      responses: { 200: { description: 'The sign-offs', schema: ref('SignOffView'), headers: ['ETag'] } },
      problems: [400, 401, 403, 404, 410],
    },
    act(
      requestSignOff,
      'requestSignOff',
      'Ask a party (or a person of it) for its sign-off',
      'Anyone who works on the record may ask. The request shows in the party’s and the named person’s awaiting lists.',
      {
        party: 'taskforce',
        requestedOf: 'mayor@ccc.example.nz',
        comment: 'Before the council meeting, please.',
      },
    ),
    act(
      giveSignOff,
      'giveSignOff',
      "Give your party's sign-off to the text you read",
      'Only a person of the party, within their reach. Refused with 409 when the signed text changed after the version you read. When both parties have agreed a draft agreement, it becomes agreed.',
      { version: 7, comment: 'Agreed at the mayoral meeting.' },
    ),
    act(
      declineSignOff,
      'declineSignOff',
      'Not yet: say what needs to change',
      'Your party stays awaited; the comment (required) tells the other party what to change.',
      { version: 7, comment: 'Please add the youth council.' },
    ),
    act(
      withdrawSignOff,
      'withdrawSignOff',
      "Withdraw your party's sign-off",
      'Your party is awaited again. An agreed agreement goes back under review, an agreed communication back to draft; a released communication or published publicity keeps its sign-offs.',
      { comment: 'The council wants to revisit the youth targets.' },
    ),
  ];
}
