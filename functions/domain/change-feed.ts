import {
  CHANGE_SETTLE_MS,
  type ChangeEvent,
  type ChangeLog,
  type ChangePage,
  type ChangeScope,
} from './change-events.ts';
import { isCouncilBound, type Principal, requireReadScope } from './principal.ts';

/** What a record type needs for the feed: its name, and whether everyone signed in may read it. */
export interface FeedRecordType {
  type: string;
  sharedReference?: boolean;
  knowledgeBase?: unknown;
}

/** Record types everyone signed in may read, whatever their region (see canRead). */
export function openRecordTypes(definitions: readonly FeedRecordType[]): string[] {
  return definitions.filter((d) => d.sharedReference || d.knowledgeBase).map((d) => d.type);
}

/** The change events a principal may read: the same reach as reading the records themselves. */
export function changeScopeOf(principal: Principal, openTypes: readonly string[]): ChangeScope {
  requireReadScope(principal);
  if (principal.role === 'national') return { kind: 'all' };
  if (isCouncilBound(principal)) {
    return { kind: 'councils', councilIds: principal.councilIds ?? [], openRecordTypes: openTypes };
  }
  return { kind: 'regions', regionIds: principal.regionIds, openRecordTypes: openTypes };
}

export interface FeedRequest {
  cursor?: string;
  eventTypes?: readonly string[];
  recordTypes?: readonly string[];
  limit: number;
}

/**
 * The change feed: change events in commit order, each reader seeing only changes of records it
 * may read. It reads CHANGE_SETTLE_MS behind now, so a change committed while a page is read (its
 * stamp a moment earlier than the page's newest) is not passed by: the cursor only ever moves
 * over time that has settled.
 */
export class ChangeFeed {
  constructor(
    private readonly log: ChangeLog,
    private readonly openTypes: readonly string[],
    /** The records' own rule, event by event, on top of the log's scope (a type only some may read). */
    private readonly mayRead: (principal: Principal, event: ChangeEvent) => boolean,
    private readonly now: () => number = () => Date.now(),
    private readonly settleMs = CHANGE_SETTLE_MS,
  ) {}

  async read(principal: Principal, request: FeedRequest): Promise<ChangePage> {
    const scope = changeScopeOf(principal, this.openTypes);
    const page = await this.log.changes({
      scope,
      cursor: request.cursor,
      eventTypes: request.eventTypes,
      recordTypes: request.recordTypes,
      until: new Date(this.now() - this.settleMs).toISOString(),
      limit: request.limit,
    });
    return { ...page, items: page.items.filter((event) => this.mayRead(principal, event)) };
  }
}
