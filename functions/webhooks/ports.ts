import type { ChangeEvent } from '../domain/change-events.ts';
import type { Principal } from '../domain/principal.ts';
import type { Page } from '../domain/record-repository.ts';
import type { WebhookEndpoint } from './endpoint.ts';

/** What started an attempt: a change, a retry of one, a redelivery asked for, or a test ping. */
export type DeliveryTrigger = 'change' | 'retry' | 'redelivery' | 'ping';

/** One attempt to deliver one change event to one endpoint, as the delivery log keeps it. */
export interface DeliveryAttempt {
  endpointId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  trigger: DeliveryTrigger;
  at: string;
  /** delivered: a 2xx; failed: anything else, to be tried again; gave-up: the last attempt failed; refused: the address was not allowed. */
  outcome: 'delivered' | 'failed' | 'gave-up' | 'refused' | 'disabled';
  status?: number;
  durationMs: number;
  /** The first bytes of the answer (at most RESPONSE_START_BYTES), or why there was none. */
  response: string;
  nextAttemptAt?: string;
  /** From the change's commit to this attempt's answer. */
  latencyMs?: number;
}

/** Endpoints and their delivery logs (the records table in the cloud and under npm start; memory in tests). */
export interface WebhookStore {
  /** Stores an endpoint only if it is still at `expectedVersion` (`null`: it must not exist yet). */
  put(endpoint: WebhookEndpoint, expectedVersion: number | null): Promise<boolean>;
  get(id: string): Promise<WebhookEndpoint | undefined>;
  listByClient(clientId: string): Promise<WebhookEndpoint[]>;
  /** Every enabled endpoint, for the dispatcher. */
  listEnabled(): Promise<WebhookEndpoint[]>;
  remove(id: string): Promise<void>;
  recordAttempt(attempt: DeliveryAttempt): Promise<void>;
  /** An endpoint's attempts, newest first. */
  attempts(endpointId: string, limit: number, cursor?: string): Promise<Page<DeliveryAttempt>>;
}

/** One delivery waiting to be attempted: which event, to which endpoint, which attempt, not before when. */
export interface DeliveryTask {
  endpointId: string;
  event: ChangeEvent;
  attempt: number;
  trigger: DeliveryTrigger;
  /** Epoch milliseconds. */
  notBefore: number;
}

/** Holds tasks until they are due (SQS with delays in the cloud; timers under npm start; virtual time in tests). */
export interface DeliveryQueue {
  send(tasks: readonly DeliveryTask[]): Promise<void>;
}

/** What one HTTP attempt came to. */
export interface SendResult {
  /** Absent when no answer came (refused connection, time-out, refused address). */
  status?: number;
  retryAfter?: string;
  durationMs: number;
  /** The first bytes of the body, or what went wrong. */
  response: string;
  /** The address was refused (server-side request forgery guard). */
  refused?: boolean;
}

/** Posts a signed body to an endpoint; never follows redirects. */
export interface WebhookSender {
  post(url: string, headers: Record<string, string>, body: string): Promise<SendResult>;
}

/** Who may read what: the records' own access rules, applied to machine clients' endpoints. */
export interface ChangeAccess {
  /** The client as it now stands in the user directory (its role and regions), or undefined if removed. */
  clientPrincipal(clientId: string): Promise<Principal | undefined>;
  /** Whether the principal may read the record this event is about. */
  mayRead(principal: Principal, event: ChangeEvent): boolean;
  /** Whether the principal may read records of this type at all (in some region of its reach). */
  mayReadType(principal: Principal, recordType: string): boolean;
  /** Record types everyone signed in may read (regions, councils, the knowledge base). */
  openRecordTypes(): readonly string[];
  /** Every record type, for checking event type patterns. */
  recordTypes(): readonly string[];
  /** The record's API address, for the thin body (`https://…/v1/needs/<id>`). */
  recordUrl(event: ChangeEvent): string;
}

/** Tells an endpoint's contact that it was disabled and why. */
export interface OwnerNotifier {
  endpointDisabled(endpoint: WebhookEndpoint, reason: string): Promise<void>;
}

/** The figures the operations dashboard shows (CloudWatch metrics in the cloud, a log locally). */
export interface DeliveryMetrics {
  attempted(attempt: DeliveryAttempt): void;
}
