import type { ChangeEvent } from '../domain/change-events.ts';
import type { Principal } from '../domain/principal.ts';
import { endpointWants, type WebhookEndpoint } from './endpoint.ts';
import type {
  ChangeAccess,
  DeliveryAttempt,
  DeliveryMetrics,
  DeliveryQueue,
  DeliveryTask,
  OwnerNotifier,
  SendResult,
  WebhookSender,
  WebhookStore,
} from './ports.ts';
import { retryDelayMs } from './retry-schedule.ts';
import { signedHeaders, signingSecrets } from './signing.ts';

export interface DeliveryDependencies {
  webhooks: WebhookStore;
  queue: DeliveryQueue;
  sender: WebhookSender;
  access: ChangeAccess;
  notifier: OwnerNotifier;
  metrics?: DeliveryMetrics;
  now?: () => number;
  random?: () => number;
  /** Where a failure to record or notify is reported; the delivery itself goes on. */
  logError?: (message: string, error: unknown) => void;
}

/**
 * The thin body of a delivery, in the Standard Webhooks shape (`type`, `timestamp`, `data`): the
 * change event's fields and the record's API address. It carries no values: the consumer reads
 * the record with its own token, so access is checked again when it does.
 */
export function deliveryBody(event: ChangeEvent, url: string): string {
  return JSON.stringify({ type: event.type, timestamp: event.at, data: { ...event, url } });
}

/** The event a test ping sends: it names no record. */
export function pingEvent(id: string, at: string, by: string): ChangeEvent {
  return { id, type: 'webhook.ping', recordType: 'webhook', recordId: '', version: 0, regionId: '', at, by };
}

function isSuccess(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300;
}

/**
 * Fans change events out to the endpoints that want them, within what each endpoint's client may
 * read as the directory now says: one task per endpoint and event, the first attempt due now.
 */
export class WebhookDispatcher {
  private readonly now: () => number;

  constructor(private readonly deps: DeliveryDependencies) {
    this.now = deps.now ?? Date.now;
  }

  async dispatch(events: readonly ChangeEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const endpoints = await this.deps.webhooks.listEnabled();
    const principals = new Map<string, Principal | undefined>();
    const tasks: DeliveryTask[] = [];
    for (const endpoint of endpoints) {
      if (!principals.has(endpoint.clientId)) {
        principals.set(endpoint.clientId, await this.deps.access.clientPrincipal(endpoint.clientId));
      }
      const principal = principals.get(endpoint.clientId);
      if (!principal) continue;
      for (const event of events) {
        if (endpointWants(endpoint, event) && this.deps.access.mayRead(principal, event)) {
          tasks.push({
            endpointId: endpoint.id,
            event,
            attempt: 1,
            trigger: 'change',
            notBefore: this.now(),
          });
        }
      }
    }
    if (tasks.length) await this.deps.queue.send(tasks);
    return tasks.length;
  }
}

/**
 * Makes one attempt of one task: signs it (Standard Webhooks, with every secret that signs now),
 * posts it, logs the attempt, and then, unless a 2xx came back, schedules the next attempt
 * (RETRY_DELAYS_S, Retry-After on 429 and 503) or, after the last one or on a 410, disables the
 * endpoint and tells its owner.
 */
export class WebhookDeliverer {
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly deps: DeliveryDependencies) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
  }

  async deliver(task: DeliveryTask): Promise<DeliveryAttempt | undefined> {
    if (task.notBefore > this.now()) {
      // Not due yet (a queue can hold a message only so long): back it goes.
      await this.deps.queue.send([task]);
      return undefined;
    }
    const endpoint = await this.deps.webhooks.get(task.endpointId);
    if (!endpoint) return undefined;
    if (endpoint.status !== 'enabled' && task.trigger !== 'ping') {
      return this.record(endpoint, task, {
        outcome: 'disabled',
        durationMs: 0,
        response: 'not sent: the endpoint is disabled',
      });
    }
    const principal = await this.deps.access.clientPrincipal(endpoint.clientId);
    if (task.trigger !== 'ping' && (!principal || !this.deps.access.mayRead(principal, task.event))) {
      return this.record(endpoint, task, {
        outcome: 'refused',
        durationMs: 0,
        response: "not sent: the record is no longer within the client's access",
      });
    }
    const result = await this.post(endpoint, task);
    if (isSuccess(result.status)) {
      return this.record(endpoint, task, { outcome: 'delivered', ...fromResult(result) }, true);
    }
    if (result.status === 410 && task.trigger !== 'ping') {
      const attempt = await this.record(endpoint, task, { outcome: 'gave-up', ...fromResult(result) });
      await this.disable(endpoint.id, 'the endpoint answered 410 Gone, which asks for no more deliveries');
      return attempt;
    }
    if (task.trigger === 'ping')
      return this.record(endpoint, task, { outcome: 'failed', ...fromResult(result) });
    const delay = retryDelayMs(task.attempt, {
      random: this.random,
      now: this.now(),
      retryAfter: result.status === 429 || result.status === 503 ? result.retryAfter : undefined,
    });
    if (delay === undefined) {
      const attempt = await this.record(endpoint, task, { outcome: 'gave-up', ...fromResult(result) });
      await this.disable(
        endpoint.id,
        `every attempt to deliver change event ${task.event.id} failed for about three days (the last: ${describe(result)})`,
      );
      return attempt;
    }
    const next: DeliveryTask = {
      ...task,
      attempt: task.attempt + 1,
      trigger: 'retry',
      notBefore: this.now() + delay,
    };
    const attempt = await this.record(endpoint, task, {
      outcome: result.refused ? 'refused' : 'failed',
      ...fromResult(result),
      nextAttemptAt: new Date(next.notBefore).toISOString(),
    });
    await this.deps.queue.send([next]);
    return attempt;
  }

  private async post(endpoint: WebhookEndpoint, task: DeliveryTask): Promise<SendResult> {
    const body = deliveryBody(
      task.event,
      task.trigger === 'ping' ? '' : this.deps.access.recordUrl(task.event),
    );
    const at = new Date(this.now());
    const headers = signedHeaders(task.event.id, body, signingSecrets(endpoint.secrets, at.getTime()), at);
    return this.deps.sender.post(endpoint.url, headers, body);
  }

  private async record(
    endpoint: WebhookEndpoint,
    task: DeliveryTask,
    result: Pick<DeliveryAttempt, 'outcome' | 'durationMs' | 'response' | 'status' | 'nextAttemptAt'>,
    delivered = false,
  ): Promise<DeliveryAttempt> {
    const at = this.now();
    const attempt: DeliveryAttempt = {
      endpointId: endpoint.id,
      eventId: task.event.id,
      eventType: task.event.type,
      attempt: task.attempt,
      trigger: task.trigger,
      at: new Date(at).toISOString(),
      ...result,
      ...(delivered && task.trigger !== 'ping'
        ? { latencyMs: Math.max(0, at - Date.parse(task.event.at)) }
        : {}),
    };
    try {
      await this.deps.webhooks.recordAttempt(attempt);
    } catch (error) {
      this.deps.logError?.('Could not record a delivery attempt', error);
    }
    this.deps.metrics?.attempted(attempt);
    return attempt;
  }

  /** Disables an endpoint (if still enabled) and tells its contact; after a concurrent change it reads and tries again. */
  private async disable(id: string, reason: string): Promise<void> {
    for (let tries = 0; tries < 3; tries++) {
      const endpoint = await this.deps.webhooks.get(id);
      if (endpoint?.status !== 'enabled') return;
      const at = new Date(this.now()).toISOString();
      const disabled: WebhookEndpoint = {
        ...endpoint,
        status: 'disabled',
        disabledReason: reason,
        disabledAt: at,
        updatedAt: at,
        version: endpoint.version + 1,
      };
      if (await this.deps.webhooks.put(disabled, endpoint.version)) {
        try {
          await this.deps.notifier.endpointDisabled(disabled, reason);
        } catch (error) {
          this.deps.logError?.(
            `Could not tell ${endpoint.contactEmail} that endpoint ${id} was disabled`,
            error,
          );
        }
        return;
      }
    }
  }
}

function fromResult(result: SendResult): Pick<DeliveryAttempt, 'status' | 'durationMs' | 'response'> {
  return {
    ...(result.status !== undefined ? { status: result.status } : {}),
    durationMs: result.durationMs,
    response: result.response,
  };
}

function describe(result: SendResult): string {
  return result.status !== undefined ? `HTTP ${result.status}` : result.response;
}
