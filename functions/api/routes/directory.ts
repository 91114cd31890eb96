import * as z from 'zod/mini';
import '../../zod-english.ts';
import { AccessDeniedError, BadRequestError, NotFoundError } from '../../domain/errors.ts';
import { accessContact, type Principal } from '../../domain/principal.ts';
import type { RecordRepository } from '../../domain/record-repository.ts';
import { type DirectoryKind, directoryEntrySchema, type UserDirectory } from '../../domain/user-directory.ts';
import { PARTIES } from '../../records/sign-offs.ts';
import type { Authenticator } from '../authenticate.ts';
import { AreaRoutes, defineRoute } from '../declare-route.ts';
import type { OperationDoc } from '../operation-doc.ts';
import type { RouteArea } from '../route-area.ts';

async function regionsOfCouncils(store: RecordRepository, councilIds: string[]): Promise<string[]> {
  const found = await store.getMany('council', councilIds);
  const missing = councilIds.filter((id) => !found.get(id) || found.get(id)!.deletedAt);
  if (missing.length > 0) {
    throw new BadRequestError(`There is no council with id ${missing.map((m) => `"${m}"`).join(', ')}.`, [
      { field: 'councilIds', message: 'choose councils from GET /v1/councils', received: missing },
    ]);
  }
  return [...new Set(councilIds.map((id) => found.get(id)!.regionId))];
}

/** The directory is managed by CEG's national administrators, for both parties' people. */
function requireNational(p: Principal): void {
  if (p.role !== 'national' || p.kind !== 'user' || (p.party ?? 'ceg') !== 'ceg') {
    throw new AccessDeniedError(`Only national staff can manage the user directory. Ask ${accessContact()}.`);
  }
}

const getMe = defineRoute({ method: 'get', path: '/v1/me' });

const SEGMENTS = { users: 'user', clients: 'client' } as const satisfies Record<string, DirectoryKind>;
type Segment = keyof typeof SEGMENTS;

/** The three routes of one directory (people or machine clients), each refusing all but national staff first. */
function directoryRoutes(segment: Segment) {
  const path = `/v1/${segment}/{key}` as const;
  const params = { key: z.string().check(z.minLength(1), z.maxLength(320)) };
  return {
    get: defineRoute({ method: 'get', path, params, who: requireNational }),
    put: defineRoute({
      method: 'put',
      path,
      params,
      who: requireNational,
      body: {
        schema: directoryEntrySchema,
        maxBytes: 16 * 1024,
        whole: 'entry',
        refusal:
          'A directory entry is {"party"?: "ceg|taskforce", "role": "national|regional|adviser|viewer|council", "regionIds": [...], "councilIds"?: [...], "name"?: "..."}.',
      },
    }),
    delete: defineRoute({ method: 'delete', path, params, who: requireNational }),
  };
}

const ROUTES = { users: directoryRoutes('users'), clients: directoryRoutes('clients') };

/**
 * Who am I (/v1/me), and the user directory (/v1/users, /v1/clients): who may use the system, with
 * which role and regions. The directory is for national staff only.
 */
export function directoryArea(
  directory: UserDirectory,
  auth: Authenticator,
  store: RecordRepository,
): RouteArea {
  const area = new AreaRoutes('/v1');
  area.on(getMe, (c) => {
    const p = c.get('principal');
    return c.json({
      kind: p.kind,
      id: p.id,
      ...(p.kind === 'user' ? { party: p.party ?? 'ceg' } : {}),
      role: p.role,
      regionIds: p.regionIds,
      ...(p.councilIds ? { councilIds: p.councilIds } : {}),
      scopes: p.scopes ? [...p.scopes] : undefined,
    });
  });

  for (const segment of Object.keys(ROUTES) as Segment[]) {
    const kind = SEGMENTS[segment];
    const routes = ROUTES[segment];
    area.on(routes.get, async (c, { params }) => {
      const entry = await directory.find(kind, params.key);
      if (!entry) throw new NotFoundError(`${params.key} is not in the user directory.`);
      return c.json(entry);
    });

    area.on(routes.put, async (c, { params, body }) => {
      const entry = { ...body };
      if (entry.role === 'council') {
        // A mayor's office reaches its councils; its regions follow from them.
        entry.regionIds = await regionsOfCouncils(store, entry.councilIds ?? []);
      } else if (entry.role !== 'national' && entry.regionIds.length === 0) {
        throw new BadRequestError('Name at least one region for a role other than national.', [
          { field: 'regionIds', message: 'name at least one region' },
        ]);
      }
      const stored = await directory.put(kind, params.key, entry, c.get('principal').id);
      auth.forget(kind, params.key);
      return c.json(stored);
    });

    area.on(routes.delete, async (c, { params }) => {
      await directory.remove(kind, params.key);
      auth.forget(kind, params.key);
      return c.body(null, 204);
    });
  }

  return { name: 'directory', prefix: area.prefix, routes: area.routes, declared: area.declared };
}

/** /v1/me and the directory in the OpenAPI document (build time only: see operation-doc.ts). */
export function directoryOperations(): OperationDoc[] {
  const party = z
    .enum(PARTIES)
    .check(
      z.meta({ description: 'ceg (Community Employment Group) or taskforce (Mayors Taskforce for Jobs)' }),
    );
  const ids = z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(20));
  const { role, regionIds, councilIds, name } = directoryEntrySchema.shape;
  const me = z.object({
    kind: z.enum(['user', 'client']),
    id: z.string().check(z.maxLength(320), z.meta({ description: 'Email address (people) or client id' })),
    party: z.optional(party),
    role,
    regionIds: ids.check(z.meta({ description: 'Empty for national staff, who reach every region' })),
    councilIds: z.optional(ids.check(z.meta({ description: "A mayor's office: the councils it reaches" }))),
    scopes: z.optional(
      z
        .array(z.enum(['records/read', 'records/write']))
        .check(z.maxLength(2), z.meta({ description: 'Machine clients only: the scopes of the token' })),
    ),
  });
  const entry = z.object({
    kind: z.enum(['user', 'client']),
    key: z
      .string()
      .check(z.maxLength(320), z.meta({ description: 'Email address (lower case) or client id' })),
    party: z.optional(party),
    role,
    regionIds,
    councilIds,
    name,
    updatedAt: z.iso.datetime(),
    updatedBy: z.string().check(z.maxLength(320)),
  });
  const operations: OperationDoc[] = [
    {
      route: getMe,
      operationId: 'getMe',
      tags: ['Meta'],
      access: 'read',
      summary: 'Who you are signed in as',
      description:
        'Your role and regions as the user directory has them (and, for machine clients, the scopes).',
      responses: {
        200: {
          description: 'You',
          schema: me,
          example: {
            kind: 'user',
            id: 'adviser@example.org',
            party: 'ceg',
            role: 'adviser',
            regionIds: ['northland'],
          },
        },
      },
      problems: [401, 403],
    },
  ];
  for (const segment of Object.keys(ROUTES) as Segment[]) {
    const routes = ROUTES[segment];
    const who = segment === 'users' ? 'person' : 'machine client';
    const one = segment === 'users' ? 'User' : 'Client';
    const parameters = { key: segment === 'users' ? 'The email address' : 'The client id' };
    const example = {
      kind: SEGMENTS[segment],
      key: segment === 'users' ? 'adviser@example.org' : '6v7k2m9q1r3s5t8u0w4x',
      role: 'adviser',
      regionIds: ['northland'],
      name: 'Aroha Adviser',
      updatedAt: '2026-03-02T21:15:04.000Z',
      updatedBy: 'national@example.org',
    };
    operations.push(
      {
        route: routes.get,
        operationId: `get${one}Access`,
        tags: ['Directory'],
        access: 'people',
        summary: `A ${who}'s role and regions`,
        description: 'National staff only.',
        parameters,
        responses: { 200: { description: 'The entry', schema: entry, example } },
        problems: [401, 403, 404],
      },
      {
        route: routes.put,
        operationId: `set${one}Access`,
        tags: ['Directory'],
        access: 'people',
        summary: `Give a ${who} a role and regions`,
        description:
          "National staff only. Takes effect within a minute (entries are cached that long). Every role but national names at least one region; a mayor's office (role council) names its councils, and its regions follow from them.",
        parameters,
        body: { example: { role: 'adviser', regionIds: ['northland'], name: 'Aroha Adviser' } },
        responses: { 200: { description: 'The stored entry', schema: entry, example } },
        problems: [400, 401, 403, 413, 415],
      },
      {
        route: routes.delete,
        operationId: `remove${one}Access`,
        tags: ['Directory'],
        access: 'people',
        summary: `Take a ${who}'s access away`,
        description: 'National staff only. Answers 204 whether or not there was an entry.',
        parameters,
        responses: { 204: { description: 'Removed' } },
        problems: [401, 403],
      },
    );
  }
  return operations;
}
