import { addDays } from '../aggregate/calendar.ts';
import { newZealandDate } from '../domain/new-zealand-day.ts';
import type { RecordRepository } from '../domain/record-repository.ts';
import { listPages } from '../domain/record-repository.ts';
import type { EventView } from '../events/event-view.ts';
import { eventViewOf } from '../events/event-view.ts';
import { FEED_PAST_DAYS } from '../events/public-events.ts';

/**
 * A member's LEC group calendar: the region's public events and the group's own members-only
 * ones (deleted ones kept as cancelled), read from the region's events only. The signed link in
 * the digest is the authority: it names the member and this one group.
 */
export async function groupCalendarEvents(
  store: Pick<RecordRepository, 'get' | 'list'>,
  groupId: string,
  now = new Date(),
): Promise<{ groupName: string; regionId: string; events: EventView[] } | undefined> {
  const group = await store.get('lec-group', groupId);
  if (!group || group.deletedAt) return undefined;
  const from = addDays(newZealandDate(now), -FEED_PAST_DAYS);
  const events: EventView[] = [];
  for await (const page of listPages(store, 'event', group.regionId, 500, true)) {
    for (const record of page) {
      const view = eventViewOf(record);
      if (!(view.openToPublic || view.lecGroupId === groupId)) continue;
      if ((view.endsOn ?? view.heldOn) >= from) events.push(view);
    }
  }
  events.sort((a, b) => a.heldOn.localeCompare(b.heldOn) || a.id.localeCompare(b.id));
  return { groupName: String(group.values.name), regionId: group.regionId, events };
}
