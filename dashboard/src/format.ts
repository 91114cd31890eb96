const numbers = new Intl.NumberFormat('en-NZ');
const hours = new Intl.NumberFormat('en-NZ', { maximumFractionDigits: 2 });
const longDate = new Intl.DateTimeFormat('en-NZ', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortDate = new Intl.DateTimeFormat('en-NZ', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const stamp = new Intl.DateTimeFormat('en-NZ', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Pacific/Auckland',
});

export const formatNumber = (n: number) => numbers.format(n);
export const formatHours = (n: number) => hours.format(n);
/** "Monday, 23 November 2026" for an ISO date. */
export const formatLongDate = (date: string) => longDate.format(new Date(`${date}T00:00:00Z`));
/** "23 Nov" for an ISO date. */
export const formatShortDate = (date: string) => shortDate.format(new Date(`${date}T00:00:00Z`));
/** A timestamp in New Zealand time. */
export const formatStamp = (timestamp: string) => stamp.format(new Date(timestamp));

export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`;
}
