import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WebhookEndpoint } from '../../functions/webhooks/endpoint.ts';
import type { DeliveryAttempt, WebhookStore } from '../../functions/webhooks/ports.ts';

/** What every WebhookStore must do, run on the in-memory store offline and on DynamoDB Local. */
export function describeWebhookStoreContract(
  name: string,
  makeStore: () => Promise<WebhookStore> | WebhookStore,
): void {
  describe(`${name}: the WebhookStore contract`, () => {
    let store: WebhookStore;
    beforeAll(async () => {
      store = await makeStore();
    });

    it('should store an endpoint once, then change it only from the version its writer read', async () => {
      // Prepare
      const first = endpoint(`c-${randomUUID()}`);

      // Act
      const created = await store.put(first, null);
      const twice = await store.put(first, null);
      const changed = await store.put({ ...first, url: 'https://hooks.example.org/2', version: 2 }, 1);
      const stale = await store.put({ ...first, url: 'https://hooks.example.org/3', version: 2 }, 1);

      // Assess
      expect([created, twice, changed, stale]).toEqual([true, false, true, false]);
      expect((await store.get(first.id))?.url).toBe('https://hooks.example.org/2');
    });

    it('should list a client’s endpoints and every enabled one, and forget a removed one', async () => {
      // Prepare
      const client = `c-${randomUUID()}`;
      const [a, b] = [endpoint(client), { ...endpoint(client), status: 'disabled' as const }];
      await store.put(a, null);
      await store.put(b, null);
      await store.put(endpoint(`other-${randomUUID()}`), null);

      // Act
      const mine = await store.listByClient(client);
      const enabled = await store.listEnabled();
      await store.remove(a.id);

      // Assess
      expect(mine.map((e) => e.id).sort()).toEqual([a.id, b.id].sort());
      expect(enabled.map((e) => e.id)).toContain(a.id);
      expect(enabled.map((e) => e.id)).not.toContain(b.id);
      expect(await store.get(a.id)).toBeUndefined();
      expect((await store.listByClient(client)).map((e) => e.id)).toEqual([b.id]);
    });

    it('should keep the delivery log newest first, page by page', async () => {
      // Prepare
      const id = `ep_${randomUUID()}`;
      for (let n = 1; n <= 5; n++) await store.recordAttempt(attempt(id, n));

      // Act
      const first = await store.attempts(id, 3);
      const second = await store.attempts(id, 3, first.cursor);

      // Assess
      expect(first.items.map((a) => a.attempt)).toEqual([5, 4, 3]);
      expect(first.more).toBe(true);
      expect(second.items.map((a) => a.attempt)).toEqual([2, 1]);
      expect(second.more).toBe(false);
    });
  });
}

function endpoint(clientId: string): WebhookEndpoint {
  return {
    id: `ep_${randomUUID()}`,
    clientId,
    url: 'https://hooks.example.org/1',
    eventTypes: ['need.*'],
    regionIds: [],
    contactEmail: 'crm@example.org',
    status: 'enabled',
    secrets: [{ secret: 'whsec_x', createdAt: '2026-03-01T00:00:00.000Z' }],
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    version: 1,
  };
}

function attempt(endpointId: string, n: number): DeliveryAttempt {
  return {
    endpointId,
    eventId: 'evt_1',
    eventType: 'need.updated',
    attempt: n,
    trigger: n === 1 ? 'change' : 'retry',
    at: `2026-03-01T00:00:0${n}.000Z`,
    outcome: n === 5 ? 'delivered' : 'failed',
    status: n === 5 ? 200 : 500,
    durationMs: 12,
    response: '',
  };
}
