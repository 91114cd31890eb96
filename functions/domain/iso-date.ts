/** How a date is written, `YYYY-MM-DD`; `isIsoDate` also asks whether the calendar has it. */
export const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * True for a real calendar date written `YYYY-MM-DD`: 2026-02-29 and 2026-13-01 have the shape
 * but are refused. The one check behind date fields, the API's date parameters, the jobs' event
 * dates, the command lines and the Sheets add-on, so they all agree on what a date is.
 * It depends on nothing, so the add-on's Apps Script bundle can carry it.
 */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE_SHAPE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}
