// en-CA formats as YYYY-MM-DD. Built once: formatters are costly to make and used per record.
const NEW_ZEALAND_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Pacific/Auckland',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date (YYYY-MM-DD) in New Zealand, where every user of the system works, at
 * `instant` (default: now). The one definition of "today" for rules, reports, reminders and pages.
 */
export function newZealandDate(instant: Date = new Date()): string {
  return NEW_ZEALAND_DAY.format(instant);
}
