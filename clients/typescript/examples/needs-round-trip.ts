import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { createRecordsClient, ifMatch, items, ok, ProblemError } from '../src/index.ts';

/**
 * What a consumer does with the typed client: list, create (safe to retry), update with the
 * version read, see a conflict when someone else changed it first, and pull changes.
 *
 *   BASE_URL=http://localhost:3000 TOKEN=$(grep REGIONAL .local/tokens.env | cut -d= -f2) \
 *     npx tsx clients/typescript/examples/needs-round-trip.ts
 *
 * Every call is typed from the OpenAPI document: no casts.
 */
export async function needsRoundTrip(
  baseUrl: string,
  token: string,
  log: (line: string) => void = console.log,
) {
  const api = createRecordsClient({ baseUrl, token });

  // List: every council I can see, page after page.
  const councils = [];
  for await (const council of items((cursor) =>
    api.GET('/v1/councils', { params: { query: { cursor, limit: 50 } } }),
  ))
    councils.push(council);
  const me = await ok(api.GET('/v1/me'));
  const council = councils.find((c) => me.role === 'national' || me.regionIds.includes(c.regionId));
  if (!council) throw new Error(`No council in ${me.id}'s regions to record a need for.`);
  log(`${councils.length} councils; recording a need for ${council.values.name}`);

  // Create: the Idempotency-Key makes a retry return the same need instead of a second one.
  const key = randomUUID();
  const body = {
    councilId: council.id,
    title: 'Drivers licences for school leavers',
    kind: 'need' as const,
    identifiedOn: '2026-03-01',
    status: 'open' as const,
  };
  const created = await ok(api.POST('/v1/needs', { params: { header: { 'Idempotency-Key': key } }, body }));
  const retried = await ok(api.POST('/v1/needs', { params: { header: { 'Idempotency-Key': key } }, body }));
  log(`created ${created.id} (version ${created.version}); the retry returned ${retried.id}`);

  // Update with the version read: a merge patch changes only the fields sent.
  const updated = await ok(
    api.PATCH('/v1/needs/{id}', {
      params: { path: { id: created.id }, header: ifMatch(created) },
      body: { description: 'Found at the March mayors forum' },
    }),
  );
  log(`updated to version ${updated.version}: ${updated.values.description}`);

  // Conflict: a change from the stale version is refused, with the record as it now stands.
  let conflict: ProblemError | undefined;
  try {
    await ok(
      api.PATCH('/v1/needs/{id}', {
        params: { path: { id: created.id }, header: ifMatch(created) },
        body: { status: 'addressed' },
      }),
    );
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    conflict = error;
  }
  log(`stale change refused: ${conflict?.status} (current version ${conflict?.current?.version})`);

  // Conditional read: nothing is sent again while the version is the same.
  const again = await api.GET('/v1/needs/{id}', {
    params: { path: { id: created.id }, header: { 'If-None-Match': `"${updated.version}"` } },
  });
  log(`read again with If-None-Match: ${again.response.status}`);

  // Pull: changes since a cursor, oldest first; keep the last cursor for the next pull.
  const pulled = [];
  for await (const need of items((cursor) =>
    api.GET('/v1/sync/needs', { params: { query: { region: council.regionId, since: cursor } } }),
  ))
    pulled.push(need);
  log(
    `pulled ${pulled.length} needs; ours is at version ${pulled.find((n) => n.id === created.id)?.version}`,
  );

  return { created, retried, updated, conflict, notModified: again.response.status, pulled };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const baseUrl = process.env.BASE_URL ?? 'http://localhost:3000';
  const token = process.env.TOKEN;
  if (!token) throw new Error('Set TOKEN to a bearer token (npm start writes them to .local/tokens.env).');
  await needsRoundTrip(baseUrl, token);
}
