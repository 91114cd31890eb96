import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UserDirectory } from '../../../functions/domain/user-directory.ts';
import type { MemoryRecordStore } from '../../../functions/store/memory-record-store.ts';
import type { WebhookDeliverer } from '../../../functions/webhooks/deliveries.ts';
import { WebhookEndpoints } from '../../../functions/webhooks/endpoint-service.ts';
import { MemoryWebhookStore } from '../../../functions/webhooks/in-memory.ts';
import type { DeliveryTask } from '../../../functions/webhooks/ports.ts';
import { RecordChangeAccess } from '../../../functions/webhooks/record-access.ts';
import { seedWorld } from '../../support/factories.ts';
import { type Harness, startOfflineHarness } from '../../support/harness.ts';

/**
 * The change feed and the webhook endpoints' routes through the app: who may read which changes,
 * and what each webhook route refuses (people, another client's endpoint, wider types or regions),
 * before anything is looked up.
 */
let h: Harness;
let world: Awaited<ReturnType<typeof seedWorld>>;
const webhooks = new MemoryWebhookStore();
const queued: DeliveryTask[] = [];

beforeAll(async () => {
  // The service over the harness's own store (its change log) and directory, as the runtimes wire it.
  const endpoints = new WebhookEndpoints({
    webhooks,
    changes: {
      changes: (query) => (h.store as MemoryRecordStore).changes(query),
      changeEvent: (id) => (h.store as MemoryRecordStore).changeEvent(id),
    },
    access: new RecordChangeAccess(
      { find: (kind, key) => h.directory.find(kind, key) } as UserDirectory,
      'https://api.test',
    ),
    queue: { send: async (tasks) => void queued.push(...tasks) },
    deliverer: undefined as unknown as WebhookDeliverer,
    // As in the cloud: https to public addresses only.
    policy: { allowLoopbackHttp: false },
  });
  h = await startOfflineHarness({ webhooks: endpoints });
  world = await seedWorld(h);
});
afterEach(() => vi.useRealTimers());

const need = (councilId: string, title: string) => ({
  councilId,
  title,
  kind: 'need',
  identifiedOn: '2026-03-01',
  status: 'open',
});

describe('webhook endpoints, /v1/webhooks', () => {
  const register = (token: string, body: Record<string, unknown>) =>
    h.request('POST', '/v1/webhooks', { token, body });
  const endpoint = {
    url: 'https://crm.example.org/hooks',
    eventTypes: ['need.*'],
    contactEmail: 'it@crm.example.org',
  };

  it('should register an endpoint for a machine client and show its secret only once', async () => {
    // Prepare
    const token = await h.signInMachine!('crm-canterbury', 'regional', ['canterbury']);

    // Act
    const made = await register(token, { ...endpoint, regionIds: ['canterbury'] });
    const read = await h.request('GET', `/v1/webhooks/${made.body.endpoint.id}`, { token });
    const listed = await h.request('GET', '/v1/webhooks', { token });

    // Assess
    expect(made.status).toBe(201);
    expect(made.body.secret).toMatch(/^whsec_/);
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).not.toContain('whsec_');
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    expect(listed.body.items.map((e: { id: string }) => e.id)).toContain(made.body.endpoint.id);
  });

  it('should refuse a person before reading the body or looking anything up', async () => {
    // Prepare
    const reads = vi.spyOn(webhooks, 'listByClient');

    // Act
    const response = await register(world.tokens.national, { nonsense: true });

    // Assess
    expect(response.status).toBe(403);
    expect(response.body.detail).toContain('belong to machine clients');
    expect(reads).not.toHaveBeenCalled();
  });

  it("should answer 404 for another client's endpoint, on every route", async () => {
    // Prepare
    const owner = await h.signInMachine!('crm-canterbury', 'regional', ['canterbury']);
    const other = await h.signInMachine!('crm-otago', 'regional', ['otago']);
    const made = await register(owner, endpoint);
    const id = made.body.endpoint.id;

    // Act
    const answers = await Promise.all([
      h.request('GET', `/v1/webhooks/${id}`, { token: other }),
      h.request('PATCH', `/v1/webhooks/${id}`, {
        token: other,
        headers: { 'if-match': '"1"' },
        body: { status: 'disabled' },
      }),
      h.request('DELETE', `/v1/webhooks/${id}`, { token: other }),
      h.request('POST', `/v1/webhooks/${id}/roll-secret`, { token: other }),
      h.request('GET', `/v1/webhooks/${id}/deliveries`, { token: other }),
      h.request('POST', `/v1/webhooks/${id}/redeliveries`, {
        token: other,
        body: { since: '2026-01-01T00:00:00Z' },
      }),
      h.request('POST', `/v1/webhooks/${id}/ping`, { token: other }),
    ]);

    // Assess
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect((await webhooks.get(id))?.status).toBe('enabled');
  });

  it.each([
    ['a region outside its access', { regionIds: ['otago'] }, 'regionIds.0'],
    ['event types it may not read', { eventTypes: ['nonsense.*'] }, 'eventTypes.0'],
    ['a loopback address', { url: 'https://127.0.0.2/hook' }, 'url'],
    ['a private address', { url: 'https://10.1.2.3/hook' }, 'url'],
    ['the metadata address', { url: 'https://169.254.169.254/latest' }, 'url'],
    ['a unique-local address', { url: 'https://[fd00::1]/hook' }, 'url'],
    ['plain http to a public host', { url: 'http://crm.example.org/hook' }, 'url'],
  ])('should refuse registering %s', async (_, change, field) => {
    // Prepare
    const token = await h.signInMachine!('crm-canterbury', 'regional', ['canterbury']);

    // Act
    const response = await register(token, { ...endpoint, ...change });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('should change an endpoint only from the version read, and delete it', async () => {
    // Prepare
    const token = await h.signInMachine!('crm-canterbury', 'regional', ['canterbury']);
    const made = await register(token, endpoint);
    const id = made.body.endpoint.id;

    // Act
    const unversioned = await h.request('PATCH', `/v1/webhooks/${id}`, {
      token,
      body: { status: 'disabled' },
    });
    const changed = await h.request('PATCH', `/v1/webhooks/${id}`, {
      token,
      headers: { 'if-match': '"1"' },
      body: { status: 'disabled' },
    });
    const stale = await h.request('PATCH', `/v1/webhooks/${id}`, {
      token,
      headers: { 'if-match': '"1"' },
      body: { status: 'enabled' },
    });
    const deleted = await h.request('DELETE', `/v1/webhooks/${id}`, { token });
    const gone = await h.request('GET', `/v1/webhooks/${id}`, { token });

    // Assess
    expect([unversioned.status, changed.status, stale.status, deleted.status, gone.status]).toEqual([
      428, 200, 409, 204, 404,
    ]);
    expect(changed.body.status).toBe('disabled');
  });

  it('should queue a redelivery since a time of only the changes within the client’s access', async () => {
    // Prepare
    const token = await h.signInMachine!('crm-canterbury', 'regional', ['canterbury']);
    const made = await register(token, endpoint);
    for (const councilId of ['christchurch-city', 'dunedin-city']) {
      await h.request('POST', '/v1/needs', {
        token: world.tokens.national,
        body: need(councilId, 'Leavers'),
      });
    }
    queued.length = 0;

    // Act
    const response = await h.request('POST', `/v1/webhooks/${made.body.endpoint.id}/redeliveries`, {
      token,
      body: { since: '2020-01-01T00:00:00Z' },
    });

    // Assess
    expect(response.status).toBe(202);
    expect(response.body.queued).toBeGreaterThan(0);
    expect(queued.every((task) => task.event.regionId === 'canterbury')).toBe(true);
  });
});
