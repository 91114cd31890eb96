import { randomBytes } from 'node:crypto';
import { CHANGE_VERBS, type ChangeLog } from '../domain/change-events.ts';
import { changeScopeOf } from '../domain/change-feed.ts';
import {
  BadRequestError,
  NotFoundError,
  PreconditionRequiredError,
  VersionConflictError,
} from '../domain/errors.ts';
import type { Principal } from '../domain/principal.ts';
import type { Page } from '../domain/record-repository.ts';
import { type AddressPolicy, AddressRefusedError, checkWebhookUrl } from './address-guard.ts';
import { pingEvent, type WebhookDeliverer } from './deliveries.ts';
import { type EndpointView, endpointView, endpointWants, type WebhookEndpoint } from './endpoint.ts';
import { MAX_ENDPOINTS_PER_CLIENT, MAX_REDELIVERY, requireClient } from './machine-client.ts';
import type { ChangeAccess, DeliveryAttempt, DeliveryQueue, DeliveryTask, WebhookStore } from './ports.ts';
import { newSigningSecret, ROLLED_SECRET_MS } from './signing.ts';

export interface EndpointInput {
  url: string;
  eventTypes: string[];
  regionIds?: string[];
  contactEmail: string;
  description?: string;
}

export type EndpointChange = Partial<EndpointInput> & { status?: 'enabled' | 'disabled' };

export interface WebhookServiceDependencies {
  webhooks: WebhookStore;
  changes: ChangeLog;
  access: ChangeAccess;
  queue: DeliveryQueue;
  deliverer: WebhookDeliverer;
  policy: AddressPolicy;
  now?: () => number;
}

/**
 * The webhook endpoints' use cases, for machine clients only: register, list, read, change,
 * delete, roll the secret, read the delivery log, redeliver, ping. A client sees only its own
 * endpoints (another's answers 404, never 403, so ids reveal nothing), and chooses event types and
 * regions only within what it may read.
 */
export class WebhookEndpoints {
  private readonly now: () => number;

  constructor(private readonly deps: WebhookServiceDependencies) {
    this.now = deps.now ?? Date.now;
  }

  async register(
    principal: Principal,
    input: EndpointInput,
  ): Promise<{ endpoint: EndpointView; secret: string }> {
    requireClient(principal);
    this.checkInput(principal, input);
    const existing = await this.deps.webhooks.listByClient(principal.id);
    if (existing.length >= MAX_ENDPOINTS_PER_CLIENT) {
      throw new BadRequestError(
        `A client may have at most ${MAX_ENDPOINTS_PER_CLIENT} webhook endpoints; delete one it no longer uses first.`,
      );
    }
    const at = new Date(this.now()).toISOString();
    const secret = newSigningSecret();
    const endpoint: WebhookEndpoint = {
      id: `ep_${randomBytes(12).toString('hex')}`,
      clientId: principal.id,
      url: input.url,
      ...(input.description ? { description: input.description } : {}),
      eventTypes: [...new Set(input.eventTypes)],
      regionIds: [...new Set(input.regionIds ?? [])],
      contactEmail: input.contactEmail,
      status: 'enabled',
      secrets: [{ secret, createdAt: at }],
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    await this.deps.webhooks.put(endpoint, null);
    return { endpoint: endpointView(endpoint, this.now()), secret };
  }

  async list(principal: Principal): Promise<EndpointView[]> {
    requireClient(principal);
    return (await this.deps.webhooks.listByClient(principal.id)).map((e) => endpointView(e, this.now()));
  }

  async get(principal: Principal, id: string): Promise<EndpointView> {
    return endpointView(await this.own(principal, id), this.now());
  }

  /** Changes an endpoint from the version its writer read (`If-Match`); enabling it again clears why it was disabled. */
  async change(
    principal: Principal,
    id: string,
    change: EndpointChange,
    ifMatch: number | undefined,
  ): Promise<EndpointView> {
    const current = await this.own(principal, id);
    if (ifMatch === undefined) {
      throw new PreconditionRequiredError(
        `Send If-Match: "${current.version}" (the endpoint's version, its ETag) so that two changes cannot overwrite each other.`,
      );
    }
    const merged: EndpointInput = {
      url: change.url ?? current.url,
      eventTypes: change.eventTypes ?? current.eventTypes,
      regionIds: change.regionIds ?? current.regionIds,
      contactEmail: change.contactEmail ?? current.contactEmail,
      description: change.description ?? current.description,
    };
    this.checkInput(principal, merged);
    const at = new Date(this.now()).toISOString();
    const status = change.status ?? current.status;
    const { disabledReason: _r, disabledAt: _a, ...rest } = current;
    const next: WebhookEndpoint = {
      ...(status === 'enabled' ? rest : current),
      ...merged,
      eventTypes: [...new Set(merged.eventTypes)],
      regionIds: [...new Set(merged.regionIds ?? [])],
      status,
      ...(status === 'disabled' && current.status === 'enabled'
        ? { disabledReason: `disabled by ${principal.id}`, disabledAt: at }
        : {}),
      updatedAt: at,
      version: current.version + 1,
    };
    if (ifMatch !== current.version || !(await this.deps.webhooks.put(next, current.version))) {
      throw new VersionConflictError(
        `The endpoint changed since version ${ifMatch}; read it again (it is at version ${current.version}) and send your change from there.`,
        undefined,
      );
    }
    return endpointView(next, this.now());
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.own(principal, id);
    await this.deps.webhooks.remove(id);
  }

  /** A new secret, shown once; the old one keeps signing beside it for a day. */
  async rollSecret(principal: Principal, id: string): Promise<{ endpoint: EndpointView; secret: string }> {
    const current = await this.own(principal, id);
    const now = this.now();
    const at = new Date(now).toISOString();
    const secret = newSigningSecret();
    const kept = current.secrets
      .filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > now)
      .map((s) => ({ ...s, expiresAt: s.expiresAt ?? new Date(now + ROLLED_SECRET_MS).toISOString() }));
    const next: WebhookEndpoint = {
      ...current,
      secrets: [{ secret, createdAt: at }, ...kept],
      updatedAt: at,
      version: current.version + 1,
    };
    if (!(await this.deps.webhooks.put(next, current.version))) {
      throw new VersionConflictError('The endpoint changed meanwhile; roll its secret again.', undefined);
    }
    return { endpoint: endpointView(next, now), secret };
  }

  async deliveries(
    principal: Principal,
    id: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<DeliveryAttempt>> {
    await this.own(principal, id);
    return this.deps.webhooks.attempts(id, limit, cursor);
  }

  /**
   * Queues one change event again, or every event since a time that the endpoint wants and the
   * client may read, each with its own id (so a consumer that has it already can tell).
   */
  async redeliver(
    principal: Principal,
    id: string,
    what: { eventId?: string; since?: string },
  ): Promise<{ queued: number }> {
    const endpoint = await this.own(principal, id);
    if (endpoint.status !== 'enabled') {
      throw new BadRequestError(
        'The endpoint is disabled: enable it (PATCH {"status": "enabled"}) before asking for redelivery.',
      );
    }
    const owner = (await this.deps.access.clientPrincipal(endpoint.clientId)) ?? principal;
    const task = (event: DeliveryTask['event']): DeliveryTask => ({
      endpointId: endpoint.id,
      event,
      attempt: 1,
      trigger: 'redelivery',
      notBefore: this.now(),
    });
    if (what.eventId) {
      const event = await this.deps.changes.changeEvent(what.eventId);
      if (!event || !this.deps.access.mayRead(owner, event) || !endpointWants(endpoint, event)) {
        throw new NotFoundError(
          `There is no change event "${what.eventId}" for this endpoint (change events are kept 30 days, and only those of its types and regions within your access count).`,
        );
      }
      await this.deps.queue.send([task(event)]);
      return { queued: 1 };
    }
    if (!what.since)
      throw new BadRequestError('Name a change event (eventId) or a time (since) to redeliver from.');
    const scope = changeScopeOf(owner, this.deps.access.openRecordTypes());
    const until = new Date(this.now()).toISOString();
    const tasks: DeliveryTask[] = [];
    let cursor: string | undefined;
    for (let more = true; more && tasks.length < MAX_REDELIVERY; ) {
      const page = await this.deps.changes.changes({ scope, cursor, from: what.since, until, limit: 500 });
      for (const event of page.items) {
        if (
          tasks.length < MAX_REDELIVERY &&
          endpointWants(endpoint, event) &&
          this.deps.access.mayRead(owner, event)
        ) {
          tasks.push(task(event));
        }
      }
      cursor = page.cursor;
      more = page.more;
    }
    if (tasks.length) await this.deps.queue.send(tasks);
    return { queued: tasks.length };
  }

  /** Sends a `webhook.ping` now and answers how it went (it is logged, never retried). */
  async ping(principal: Principal, id: string): Promise<DeliveryAttempt> {
    const endpoint = await this.own(principal, id);
    const at = new Date(this.now()).toISOString();
    const event = pingEvent(`evt_ping_${randomBytes(12).toString('hex')}`, at, principal.id);
    const attempt = await this.deps.deliverer.deliver({
      endpointId: endpoint.id,
      event,
      attempt: 1,
      trigger: 'ping',
      notBefore: 0,
    });
    return attempt!;
  }

  private async own(principal: Principal, id: string): Promise<WebhookEndpoint> {
    requireClient(principal);
    const endpoint = await this.deps.webhooks.get(id);
    if (!endpoint || endpoint.clientId !== principal.id) {
      throw new NotFoundError(`This client has no webhook endpoint "${id}".`);
    }
    return endpoint;
  }

  /** The address, event types and regions, each refused with what to fix. */
  private checkInput(principal: Principal, input: EndpointInput): void {
    const errors: { field: string; message: string }[] = [];
    try {
      checkWebhookUrl(input.url, this.deps.policy);
    } catch (error) {
      if (!(error instanceof AddressRefusedError)) throw error;
      errors.push({ field: 'url', message: error.message });
    }
    const types = new Set(this.deps.access.recordTypes());
    input.eventTypes.forEach((pattern, index) => {
      const problem = this.patternProblem(principal, pattern, types);
      if (problem) errors.push({ field: `eventTypes.${index}`, message: problem });
    });
    (input.regionIds ?? []).forEach((regionId, index) => {
      if (principal.role !== 'national' && !principal.regionIds.includes(regionId)) {
        errors.push({
          field: `regionIds.${index}`,
          message: `region "${regionId}" is outside this client's access (${principal.regionIds.join(', ') || 'no regions'})`,
        });
      }
    });
    if (errors.length) throw new BadRequestError('The webhook endpoint cannot be saved as it is.', errors);
  }

  private patternProblem(principal: Principal, pattern: string, types: Set<string>): string | undefined {
    if (pattern === '*') return undefined;
    const dot = pattern.lastIndexOf('.');
    const recordType = dot > 0 ? pattern.slice(0, dot) : pattern;
    const verb = dot > 0 ? pattern.slice(dot + 1) : '';
    if (!types.has(recordType)) {
      return `"${pattern}" names no record type; use <type>.<change> such as need.updated, need.* or *`;
    }
    if (verb !== '*' && !CHANGE_VERBS.includes(verb)) {
      return `"${pattern}": the change is one of ${CHANGE_VERBS.join(', ')}, or * for all`;
    }
    if (!this.deps.access.mayReadType(principal, recordType)) {
      return `this client may not read ${recordType} records, so it cannot subscribe to their changes`;
    }
    return undefined;
  }
}
