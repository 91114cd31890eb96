import type { DigestEvent } from './digest-world.ts';

const WEEKDAY_DATE = new Intl.DateTimeFormat('en-NZ', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Thursday 10 December 2026": a New Zealand day as people write it. */
export function dayInWords(day: string): string {
  return WEEKDAY_DATE.format(new Date(`${day}T00:00:00Z`)).replace(',', '');
}

/** "Thursday 10 December 2026, 09:30 to 11:00", "Friday 11 December 2026 to Saturday 12 December 2026 (all day)". */
export function whenInWords(event: Pick<DigestEvent, 'heldOn' | 'endsOn' | 'startsAt' | 'endsAt'>): string {
  const first = dayInWords(event.heldOn);
  const last = event.endsOn && event.endsOn !== event.heldOn ? dayInWords(event.endsOn) : undefined;
  if (!event.startsAt) return last ? `${first} to ${last} (all day)` : `${first} (all day)`;
  const until = event.endsAt ? ` to ${last ? `${last}, ` : ''}${event.endsAt}` : '';
  return `${first}, ${event.startsAt}${until} (New Zealand time)`;
}
