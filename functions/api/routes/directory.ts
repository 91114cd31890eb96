import type { Hono } from 'hono';
import { AccessDeniedError, BadRequestError, NotFoundError } from '../../domain/errors.ts';
import { accessContact, type Principal } from '../../domain/principal.ts';
import { directoryEntrySchema, type UserDirectory } from '../../store/user-directory.ts';
import type { Authenticator } from '../authenticate.ts';
import { type AppEnv, readJson } from '../request.ts';

function requireNational(p: Principal): void {
  if (p.role !== 'national' || p.kind !== 'user') {
    throw new AccessDeniedError(`Only national staff can manage the user directory. Ask ${accessContact()}.`);
  }
}

/** The user directory: who may use the system, with which role and regions. National staff only. */
export function registerDirectoryRoutes(
  app: Hono<AppEnv>,
  directory: UserDirectory,
  auth: Authenticator,
): void {
  app.get('/v1/me', (c) => {
    const p = c.get('principal');
    return c.json({
      kind: p.kind,
      id: p.id,
      role: p.role,
      regionIds: p.regionIds,
      scopes: p.scopes ? [...p.scopes] : undefined,
    });
  });

  for (const [segment, kind] of [
    ['users', 'user'],
    ['clients', 'client'],
  ] as const) {
    app.get(`/v1/${segment}/:key`, async (c) => {
      requireNational(c.get('principal'));
      const entry = await directory.find(kind, c.req.param('key'));
      if (!entry) throw new NotFoundError(`${c.req.param('key')} is not in the user directory.`);
      return c.json(entry);
    });

    app.put(`/v1/${segment}/:key`, async (c) => {
      const principal = c.get('principal');
      requireNational(principal);
      const parsed = directoryEntrySchema.safeParse(await readJson(c, 16 * 1024));
      if (!parsed.success) {
        throw new BadRequestError(
          'A directory entry is {"role": "national|regional|adviser|viewer", "regionIds": [...], "name"?: "..."}.',
          parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'entry', message: i.message })),
        );
      }
      if (parsed.data.role !== 'national' && parsed.data.regionIds.length === 0) {
        throw new BadRequestError('Name at least one region for a role other than national.', [
          { field: 'regionIds', message: 'name at least one region' },
        ]);
      }
      const entry = await directory.put(kind, c.req.param('key'), parsed.data, principal.id);
      auth.forget(kind, c.req.param('key'));
      return c.json(entry);
    });

    app.delete(`/v1/${segment}/:key`, async (c) => {
      requireNational(c.get('principal'));
      await directory.remove(kind, c.req.param('key'));
      auth.forget(kind, c.req.param('key'));
      return c.body(null, 204);
    });
  }
}
