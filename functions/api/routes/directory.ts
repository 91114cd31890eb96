import { Hono } from 'hono/tiny';
import { AccessDeniedError, BadRequestError, NotFoundError } from '../../domain/errors.ts';
import { accessContact, type Principal } from '../../domain/principal.ts';
import type { RecordRepository } from '../../domain/record-repository.ts';
import { directoryEntrySchema, type UserDirectory } from '../../domain/user-directory.ts';
import type { Authenticator } from '../authenticate.ts';
import { type AppEnv, readJson } from '../request.ts';
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

/**
 * Who am I (/v1/me), and the user directory (/v1/users, /v1/clients): who may use the system, with
 * which role and regions. The directory is for national staff only.
 */
export function directoryArea(
  directory: UserDirectory,
  auth: Authenticator,
  store: RecordRepository,
): RouteArea {
  const app = new Hono<AppEnv>();
  app.get('/me', (c) => {
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

  for (const [segment, kind] of [
    ['users', 'user'],
    ['clients', 'client'],
  ] as const) {
    app.get(`/${segment}/:key`, async (c) => {
      requireNational(c.get('principal'));
      const entry = await directory.find(kind, c.req.param('key'));
      if (!entry) throw new NotFoundError(`${c.req.param('key')} is not in the user directory.`);
      return c.json(entry);
    });

    app.put(`/${segment}/:key`, async (c) => {
      const principal = c.get('principal');
      requireNational(principal);
      const parsed = directoryEntrySchema.safeParse(await readJson(c, 16 * 1024));
      if (!parsed.success) {
        throw new BadRequestError(
          'A directory entry is {"party"?: "ceg|taskforce", "role": "national|regional|adviser|viewer|council", "regionIds": [...], "councilIds"?: [...], "name"?: "..."}.',
          parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'entry', message: i.message })),
        );
      }
      if (parsed.data.role === 'council') {
        // A mayor's office reaches its councils; its regions follow from them.
        parsed.data.regionIds = await regionsOfCouncils(store, parsed.data.councilIds ?? []);
      } else if (parsed.data.role !== 'national' && parsed.data.regionIds.length === 0) {
        throw new BadRequestError('Name at least one region for a role other than national.', [
          { field: 'regionIds', message: 'name at least one region' },
        ]);
      }
      const entry = await directory.put(kind, c.req.param('key'), parsed.data, principal.id);
      auth.forget(kind, c.req.param('key'));
      return c.json(entry);
    });

    app.delete(`/${segment}/:key`, async (c) => {
      requireNational(c.get('principal'));
      await directory.remove(kind, c.req.param('key'));
      auth.forget(kind, c.req.param('key'));
      return c.body(null, 204);
    });
  }

  return { name: 'directory', prefix: '/v1', routes: app };
}
