import { lookup } from 'node:dns/promises';
import { vi } from 'vitest';
import type { ChangeEvent } from '../../functions/domain/change-events.ts';
import type { Principal } from '../../functions/domain/principal.ts';
import type { PendingWrite } from '../../functions/domain/record-repository.ts';
import type { StoredRecord } from '../../functions/records/definition.ts';
import { MemoryRecordStore } from '../../functions/store/memory-record-store.ts';
import { MemoryUserDirectory } from '../../functions/store/memory-user-directory.ts';
import type { AddressPolicy, Resolver } from '../../functions/webhooks/address-guard.ts';
import { WebhookDeliverer, WebhookDispatcher } from '../../functions/webhooks/deliveries.ts';
import type { WebhookEndpoint } from '../../functions/webhooks/endpoint.ts';
import { WebhookEndpoints } from '../../functions/webhooks/endpoint-service.ts';
import { MemoryWebhookStore } from '../../functions/webhooks/in-memory.ts';
import type { DeliveryAttempt } from '../../functions/webhooks/ports.ts';
import { RecordChangeAccess } from '../../functions/webhooks/record-access.ts';
import { GuardedWebhookSender } from '../../functions/webhooks/webhook-sender.ts';
import { VirtualDeliveryQueue } from './virtual-delivery-queue.ts';

export const HOUR = 3_600_000;
export const API_BASE = 'https://api.records.example.nz';

/**
 * Webhook deliveries over real HTTP with every other part in memory: the change log of an
 * in-memory store, endpoints and logs in memory, a user directory with machine clients, and a
 * delivery queue on a virtual clock so three days of retries run in moments.
 */
export class WebhookWorld {
  readonly store: MemoryRecordStore;
  readonly webhooks = new MemoryWebhookStore();
  readonly directory = new MemoryUserDirectory();
  readonly queue: VirtualDeliveryQueue;
  readonly access: RecordChangeAccess;
  readonly deliverer: WebhookDeliverer;
  readonly dispatcher: WebhookDispatcher;
  readonly endpoints: WebhookEndpoints;
  readonly disabled: { endpoint: WebhookEndpoint; reason: string }[] = [];
  readonly attempts: DeliveryAttempt[] = [];
  private cursor: string | undefined;
  private versions = new Map<string, StoredRecord>();

  constructor(
    options: { policy?: AddressPolicy; resolve?: Resolver; timeoutMs?: number; start?: number } = {},
  ) {
    const policy = options.policy ?? { allowLoopbackHttp: true };
    this.queue = new VirtualDeliveryQueue(options.start ?? Date.now());
    this.store = new MemoryRecordStore(this.queue.clock);
    this.access = new RecordChangeAccess(this.directory, API_BASE);
    const deps = {
      webhooks: this.webhooks,
      queue: this.queue,
      sender: new GuardedWebhookSender(
        policy,
        options.resolve ?? (async (host: string) => lookup(host, { all: true })),
        options.timeoutMs ?? 1000,
      ),
      access: this.access,
      notifier: {
        endpointDisabled: async (endpoint: WebhookEndpoint, reason: string) =>
          void this.disabled.push({ endpoint, reason }),
      },
      metrics: { attempted: (attempt: DeliveryAttempt) => void this.attempts.push(attempt) },
      now: this.queue.clock,
      random: () => 0.5,
    };
    this.deliverer = new WebhookDeliverer(deps);
    this.dispatcher = new WebhookDispatcher(deps);
    this.endpoints = new WebhookEndpoints({
      ...deps,
      changes: this.store,
      deliverer: this.deliverer,
      policy,
    });
  }

  /** A machine client in the directory, and the principal its token would give. */
  async client(
    id: string,
    regionIds: string[],
    role: 'regional' | 'national' = 'regional',
  ): Promise<Principal> {
    await this.directory.put('client', id, { role, regionIds }, 'nat@ceg.example.nz');
    return { kind: 'client', id, role, regionIds, scopes: new Set(['records/read']) };
  }

  /** Creates or changes a need (its region and council as given), committing its change event. */
  async changeNeed(id: string, place: { regionId: string; councilId?: string }): Promise<void> {
    const before = this.versions.get(id);
    const at = new Date(this.queue.now).toISOString();
    const record: StoredRecord = {
      id,
      type: 'need',
      ...place,
      version: (before?.version ?? 0) + 1,
      createdAt: before?.createdAt ?? at,
      createdBy: 'aroha@ceg.example.nz',
      updatedAt: at,
      updatedBy: 'aroha@ceg.example.nz',
      values: { title: `Need ${id}`, n: (before?.version ?? 0) + 1 },
    };
    const write: PendingWrite = {
      record,
      ...(before ? { previous: before } : {}),
      expectedVersion: before?.version ?? null,
      history: {
        version: record.version,
        op: before ? 'updated' : 'created',
        at,
        by: record.updatedBy,
        changes: [],
        record,
      },
    };
    const [outcome] = await this.store.writeAll([write]);
    if (outcome?.status !== 'written') throw new Error(`setup: need ${id} was not written`);
    this.versions.set(id, record);
  }

  /** What the cloud's stream (or npm start's poller) does: hands every new change event to the dispatcher. */
  async dispatchNew(): Promise<ChangeEvent[]> {
    const page = await this.store.changes({
      scope: { kind: 'all' },
      cursor: this.cursor,
      until: '9999-12-31T00:00:00.000Z',
      limit: 500,
    });
    this.cursor = page.cursor;
    await this.dispatcher.dispatch(page.items);
    return page.items;
  }

  /** Moves the virtual clock (and Date) on without running anything. */
  advance(ms: number): void {
    this.queue.now += ms;
    vi.setSystemTime(this.queue.now);
  }

  /**
   * Runs the queue for this long of virtual time. The wall clock (Date, faked by the test with
   * vi.useFakeTimers({ toFake: ['Date'] })) follows it, so the receiver sees each attempt when
   * the virtual clock says it was made.
   */
  async run(ms: number): Promise<void> {
    await this.queue.runUntil(this.queue.now + ms, async (task) => {
      vi.setSystemTime(this.queue.now);
      await this.deliverer.deliver(task);
    });
    vi.setSystemTime(this.queue.now);
  }
}
