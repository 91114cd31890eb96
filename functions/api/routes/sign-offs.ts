import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import '../../zod-english.ts';
import { BadRequestError, NotFoundError } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { RecordRepository } from '../../domain/record-repository.ts';
import type { RecordService } from '../../domain/record-service.ts';
import { awaitingForPerson, awaitingForPrincipalParty } from '../../domain/sign-off-queries.ts';
import type { SignOffService } from '../../domain/sign-off-service.ts';
import type { RecordDefinition, StoredRecord } from '../../records/definition.ts';
import { PARTIES, signedText } from '../../records/sign-offs.ts';
import { definitionFromPath, TYPE_PATH_PARAM } from '../record-type-path.ts';
import { type AppEnv, etag, parseQuery, readJson } from '../request.ts';
import type { RouteArea } from '../route-area.ts';

const MAX_BODY = 16 * 1024;

const requestBody = z.strictObject({
  party: z.enum(PARTIES, { error: 'expected ceg or taskforce' }),
  requestedOf: z.optional(z.string().check(z.maxLength(254))),
  comment: z.optional(z.string().check(z.maxLength(2000))),
});
const answerBody = z.strictObject({
  version: z.number({ error: 'expected the version number you read' }).check(z.int(), z.gte(1)),
  comment: z.optional(z.string().check(z.maxLength(2000))),
});
const withdrawBody = z.strictObject({ comment: z.optional(z.string().check(z.maxLength(2000))) });

function parseBody<T extends z.ZodMiniType>(schema: T, raw: unknown, shape: string): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new BadRequestError(
      `The body must be ${shape}.`,
      parsed.error.issues.map((i) => ({
        field: i.path.join('.') || 'body',
        message: i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message,
      })),
    );
  }
  return parsed.data;
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
  const app = new Hono<AppEnv>();
  app.get('/sign-offs/awaiting', async (c) => {
    const q = parseQuery(c, {
      for: z.optional(z.enum(['me', 'party'], { error: 'expected me or party' })),
    });
    const principal = c.get('principal');
    const items =
      q.for === 'me'
        ? await awaitingForPerson(store, principal)
        : await awaitingForPrincipalParty(store, principal);
    return c.json({ for: q.for ?? 'party', party: principal.party ?? 'ceg', items });
  });

  app.get(`/${TYPE_PATH_PARAM}/:id/sign-offs`, async (c) => {
    const definition = definitionFromPath(c.req.param('path'));
    const record = await records.get(definition, c.get('principal'), c.req.param('id'));
    const spec = definition.signOff;
    if (!spec) {
      throw new NotFoundError(
        `${definition.pluralLabel} do not take sign-offs; agreements, communications and publicity do.`,
      );
    }
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

  // The four acts: each reads its body, acts as the signed-in person and answers the record.
  const acts: {
    action: string;
    schema: z.ZodMiniType;
    shape: string;
    run: (
      definition: RecordDefinition,
      principal: Principal,
      id: string,
      body: never,
    ) => Promise<StoredRecord>;
  }[] = [
    {
      action: 'request',
      schema: requestBody,
      shape: '{"party": "ceg|taskforce", "requestedOf"?: "email", "comment"?: "..."}',
      run: (d, p, id, body) => signOffs.request(d, p, id, body),
    },
    {
      action: 'agree',
      schema: answerBody,
      shape: '{"version": 3, "comment"?: "..."}',
      run: (d, p, id, body) => signOffs.give(d, p, id, body),
    },
    {
      action: 'not-yet',
      schema: answerBody,
      shape: '{"version": 3, "comment": "..."}',
      run: (d, p, id, body) => signOffs.notYet(d, p, id, body),
    },
    {
      action: 'withdraw',
      schema: withdrawBody,
      shape: '{"comment"?: "..."}',
      run: (d, p, id, body) => signOffs.withdraw(d, p, id, body),
    },
  ];
  for (const act of acts) {
    app.post(`/${TYPE_PATH_PARAM}/:id/sign-offs/${act.action}`, async (c) => {
      const definition = definitionFromPath(c.req.param('path'));
      const body = parseBody(act.schema, await readJson(c, MAX_BODY), act.shape);
      const record = await act.run(definition, c.get('principal'), c.req.param('id'), body as never);
      c.header('ETag', etag(record.version));
      return c.json(record);
    });
  }

  return { name: 'sign-offs', prefix: '/v1', routes: app };
}
