import type { Harness } from './harness.ts';

/** Small builders for the records most tests need, created through the API like any client. */
export const values = {
  region: (name: string) => ({ name, cegRegion: true }),
  council: (name: string, regionId: string, taskforceMember = true) => ({
    name,
    kind: name.endsWith('City') ? 'city' : 'district',
    regionId,
    taskforceMember,
    ...(taskforceMember ? { memberSince: '2000-09-01' } : {}),
  }),
  adviser: (regionId: string, councilIds: string[], name = 'Aroha Adviser') => ({
    name,
    email: `${name.toLowerCase().replace(/\s+/g, '.')}@ceg.example.nz`,
    regionId,
    councilIds,
    active: true,
  }),
  agreement: (councilId: string, adviserId: string, status = 'agreed') => ({
    councilId,
    adviserId,
    expectations: 'Monthly meetings with the mayor; adviser drafts the youth employment plan.',
    status,
    ...(status === 'agreed' ? { agreedOn: '2026-02-02', reviewBy: '2027-02-01' } : {}),
  }),
  strategy: (councilId: string, overrides: Record<string, unknown> = {}) => ({
    councilId,
    title: 'Youth into trades',
    goal: '2005-youth',
    needIds: [],
    jointlySupported: true,
    status: 'proposed',
    ...overrides,
  }),
  activity: (adviserId: string, councilId: string, overrides: Record<string, unknown> = {}) => ({
    adviserId,
    councilId,
    weekStarting: '2026-11-16',
    kind: 'planning',
    hours: 6.5,
    ...overrides,
  }),
};

/** Creates a record with a chosen id (If-None-Match: *) and fails loudly if that does not work. */
export async function put(h: Harness, token: string, path: string, id: string, body: unknown) {
  const response = await h.request('PUT', `/v1/${path}/${id}`, {
    token,
    body,
    headers: { 'if-none-match': '*' },
  });
  if (response.status !== 201)
    throw new Error(`setup: PUT ${path}/${id} gave ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function post(h: Harness, token: string, path: string, body: unknown) {
  const response = await h.request('POST', `/v1/${path}`, { token, body });
  if (response.status !== 201)
    throw new Error(`setup: POST ${path} gave ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * Two regions, three councils (Selwyn is not a Taskforce member), an adviser in Canterbury and
 * people of each role.
 */
export async function seedWorld(h: Harness) {
  const national = await h.signIn('nat@ceg.example.nz', 'national');
  const canterbury = await h.signIn('cant@ceg.example.nz', 'regional', ['canterbury']);
  const otago = await h.signIn('otago@ceg.example.nz', 'regional', ['otago']);
  const adviserToken = await h.signIn('aroha@ceg.example.nz', 'adviser', ['canterbury']);
  const viewer = await h.signIn('view@ceg.example.nz', 'viewer', ['canterbury']);
  await put(h, national, 'regions', 'canterbury', values.region('Canterbury'));
  await put(h, national, 'regions', 'otago', values.region('Otago'));
  await put(h, national, 'councils', 'christchurch-city', values.council('Christchurch City', 'canterbury'));
  await put(
    h,
    national,
    'councils',
    'selwyn-district',
    values.council('Selwyn District', 'canterbury', false),
  );
  await put(h, national, 'councils', 'dunedin-city', values.council('Dunedin City', 'otago'));
  const adviser = await post(
    h,
    national,
    'advisers',
    values.adviser('canterbury', ['christchurch-city', 'selwyn-district']),
  );
  // The Taskforce: Christchurch's and Dunedin's mayors' offices and the MTFJ Executive Officer.
  const mayor = await h.signIn('mayor@ccc.example.nz', 'council', ['canterbury'], {
    party: 'taskforce',
    councilIds: ['christchurch-city'],
  });
  const dunedinMayor = await h.signIn('mayor@dcc.example.nz', 'council', ['otago'], {
    party: 'taskforce',
    councilIds: ['dunedin-city'],
  });
  const mtfj = await h.signIn('eo@mtfj.example.nz', 'national', [], { party: 'taskforce' });
  return {
    tokens: { national, canterbury, otago, adviser: adviserToken, viewer, mayor, dunedinMayor, mtfj },
    adviserId: adviser.id as string,
  };
}
