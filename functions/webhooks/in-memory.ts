import type { Page } from '../domain/record-repository.ts';
import type { WebhookEndpoint } from './endpoint.ts';
import type { DeliveryAttempt, DeliveryQueue, DeliveryTask, WebhookStore } from './ports.ts';

/** Endpoints and delivery logs in memory, for the offline tests. Copies in and out, as a database would. */
export class MemoryWebhookStore implements WebhookStore {
  private readonly endpoints = new Map<string, WebhookEndpoint>();
  private readonly log = new Map<string, DeliveryAttempt[]>();

  async put(endpoint: WebhookEndpoint, expectedVersion: number | null): Promise<boolean> {
    const current = this.endpoints.get(endpoint.id);
    if ((current?.version ?? null) !== expectedVersion) return false;
    this.endpoints.set(endpoint.id, structuredClone(endpoint));
    return true;
  }

  async get(id: string): Promise<WebhookEndpoint | undefined> {
    const endpoint = this.endpoints.get(id);
    return endpoint && structuredClone(endpoint);
  }

  async listByClient(clientId: string): Promise<WebhookEndpoint[]> {
    return [...this.endpoints.values()]
      .filter((e) => e.clientId === clientId)
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((e) => structuredClone(e));
  }

  async listEnabled(): Promise<WebhookEndpoint[]> {
    return [...this.endpoints.values()].filter((e) => e.status === 'enabled').map((e) => structuredClone(e));
  }

  async remove(id: string): Promise<void> {
    this.endpoints.delete(id);
    this.log.delete(id);
  }

  async recordAttempt(attempt: DeliveryAttempt): Promise<void> {
    const list = this.log.get(attempt.endpointId) ?? [];
    list.push(structuredClone(attempt));
    this.log.set(attempt.endpointId, list);
  }

  async attempts(endpointId: string, limit: number, cursor?: string): Promise<Page<DeliveryAttempt>> {
    const newestFirst = [...(this.log.get(endpointId) ?? [])].reverse();
    const start = cursor ? Number(cursor) : 0;
    const items = newestFirst.slice(start, start + limit);
    const more = start + limit < newestFirst.length;
    return { items: structuredClone(items), more, ...(more ? { cursor: String(start + limit) } : {}) };
  }
}

/**
 * The delivery queue under npm start: each task waits on a timer until it is due, then is handed
 * to the deliverer in this process. Tasks waiting when the process stops are lost with it; the
 * change feed (GET /v1/changes) and redelivery cover what a stopped local run missed.
 */
export class TimerDeliveryQueue implements DeliveryQueue {
  private readonly timers = new Set<NodeJS.Timeout>();
  private handler: ((task: DeliveryTask) => Promise<unknown>) | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** Who attempts each task when it is due (the deliverer, which itself sends retries back here). */
  handleWith(handler: (task: DeliveryTask) => Promise<unknown>): void {
    this.handler = handler;
  }

  async send(tasks: readonly DeliveryTask[]): Promise<void> {
    for (const task of tasks) {
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          this.handler?.(task).catch((error) => console.error('Webhook delivery failed unexpectedly', error));
        },
        Math.max(0, task.notBefore - this.now()),
      );
      timer.unref();
      this.timers.add(timer);
    }
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
