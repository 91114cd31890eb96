import type { ChangeEvent } from '../domain/change-events.ts';

/** A signing secret; a rolled-over one keeps signing until `expiresAt`. */
export interface EndpointSecret {
  secret: string;
  createdAt: string;
  expiresAt?: string;
}

/**
 * A machine client's webhook endpoint: where change events within its access are delivered,
 * which event types (`need.updated`, `need.*`, `*`) and which regions (none named: all it may read).
 */
export interface WebhookEndpoint {
  id: string;
  clientId: string;
  url: string;
  description?: string;
  eventTypes: string[];
  regionIds: string[];
  /** Who is told by email when the endpoint is disabled. */
  contactEmail: string;
  status: 'enabled' | 'disabled';
  disabledReason?: string;
  disabledAt?: string;
  secrets: EndpointSecret[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** What the API shows of an endpoint: never its secrets (shown once, when made or rolled). */
export type EndpointView = Omit<WebhookEndpoint, 'secrets' | 'version'> & {
  version: number;
  /** While a rolled-over secret still signs beside the new one: until when. */
  previousSecretExpiresAt?: string;
};

export function endpointView(endpoint: WebhookEndpoint, now: number): EndpointView {
  const { secrets, ...rest } = endpoint;
  const previous = secrets.find((s) => s.expiresAt && Date.parse(s.expiresAt) > now);
  return { ...rest, ...(previous ? { previousSecretExpiresAt: previous.expiresAt } : {}) };
}

/** Whether an event type pattern (`*`, `need.*`, `need.updated`) takes an event type. */
export function patternMatches(pattern: string, eventType: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return eventType.startsWith(pattern.slice(0, -1));
  return pattern === eventType;
}

/** Whether an endpoint wants this event: enabled, one of its types, one of its regions (if it names any). */
export function endpointWants(endpoint: WebhookEndpoint, event: ChangeEvent): boolean {
  if (endpoint.status !== 'enabled') return false;
  if (!endpoint.eventTypes.some((pattern) => patternMatches(pattern, event.type))) return false;
  if (endpoint.regionIds.length === 0) return true;
  return (
    endpoint.regionIds.includes(event.regionId) ||
    (!!event.sharedRegionId && endpoint.regionIds.includes(event.sharedRegionId))
  );
}
