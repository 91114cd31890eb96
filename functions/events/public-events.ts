import { addDays } from '../aggregate/calendar.ts';
import { newZealandDate } from '../domain/new-zealand-day.ts';
import { listPages, type RecordRepository } from '../domain/record-repository.ts';
import type { StoredRecord } from '../records/definition.ts';
import { publicView, wasMadePublic } from '../records/public-view.ts';
import { event as eventDefinition } from '../records/types/event.ts';
import { type EventView, eventViewOf } from './event-view.ts';

/** Every record of a type, page by page, deleted ones included (they become cancelled events). */
export interface EventSource {
  pages(
    type: string,
    regionId?: string,
    pageSize?: number,
    includeDeleted?: boolean,
  ): AsyncGenerator<StoredRecord[]>;
}

/** The events source over the record repository (npm start, tests): tombstones through `list`. */
export function eventSourceOf(repository: Pick<RecordRepository, 'list'>): EventSource {
  return {
    pages: (type, regionId, pageSize, includeDeleted) =>
      listPages(repository, type, regionId, pageSize, includeDeleted),
  };
}

/** Feeds keep past events this long, so a calendar does not lose last month's. */
export const FEED_PAST_DAYS = 90;

export interface PublicEvents {
  /** Public events from FEED_PAST_DAYS ago on, soonest first: cancelled and deleted ones included. */
  all: EventView[];
  regionNames: ReadonlyMap<string, string>;
  /** The newest change among them. */
  updatedAt?: string;
  today: string;
}

function byWhen(a: EventView, b: EventView): number {
  return (
    a.heldOn.localeCompare(b.heldOn) ||
    (a.startsAt ?? '').localeCompare(b.startsAt ?? '') ||
    a.title.localeCompare(b.title) ||
    a.id.localeCompare(b.id)
  );
}

/** Events whose last day is today or later and that still go ahead: what the pages list. */
export function upcoming(events: PublicEvents, regionId?: string): EventView[] {
  return events.all.filter(
    (e) => (e.endsOn ?? e.heldOn) >= events.today && !e.cancelled && (!regionId || e.regionId === regionId),
  );
}

/**
 * The public events, read from the store: events marked open to the public (decided in
 * records/public-view.ts), with only their public fields. A deleted one keeps its last public
 * values and is marked cancelled, for the feeds.
 */
export async function readPublicEvents(source: EventSource, now = new Date()): Promise<PublicEvents> {
  const today = newZealandDate(now);
  const from = addDays(today, -FEED_PAST_DAYS);
  const all: EventView[] = [];
  for await (const page of source.pages(eventDefinition.type, undefined, 500, true)) {
    for (const record of page) {
      if (!wasMadePublic(eventDefinition, record)) continue;
      const view = eventViewOf({ ...record, values: publicView(eventDefinition, record).values });
      // The public view drops the flag itself (it is not a public field); every event here is public.
      view.openToPublic = true;
      if ((view.endsOn ?? view.heldOn) >= from) all.push(view);
    }
  }
  const regionNames = new Map<string, string>();
  for await (const page of source.pages('region')) {
    for (const r of page) if (!r.deletedAt) regionNames.set(r.id, String(r.values.name));
  }
  all.sort(byWhen);
  return {
    all,
    regionNames,
    updatedAt: all
      .map((e) => e.updatedAt)
      .sort()
      .at(-1),
    today,
  };
}

/** The public events kept for a minute per process, as the directory is. */
export class CachedPublicEvents {
  private cached?: { at: number; events: Promise<PublicEvents> };

  constructor(
    private readonly source: EventSource,
    private readonly maxAgeMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<PublicEvents> {
    const now = this.now();
    if (!this.cached || now - this.cached.at >= this.maxAgeMs) {
      const events = readPublicEvents(this.source, new Date(now));
      this.cached = { at: now, events };
      events.catch(() => {
        if (this.cached?.events === events) this.cached = undefined;
      });
    }
    return this.cached.events;
  }
}
