/**
 * The VTIMEZONE for Pacific/Auckland (NZDT +13:00 from the last Sunday of September 02:00, NZST
 * +12:00 from the first Sunday of April 03:00), as tzurl.org publishes it. Kept here as text rather
 * than read from a timezone package's data files at run time: those are found through `__dirname`,
 * which a bundled ESM Lambda function does not have. A test holds it to the published file
 * (@touch4it/ical-timezones) and checks with ical.js that it converts times across both changes.
 */
export const PACIFIC_AUCKLAND = 'Pacific/Auckland';

export const PACIFIC_AUCKLAND_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Pacific/Auckland',
  'X-LIC-LOCATION:Pacific/Auckland',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+1200',
  'TZOFFSETTO:+1300',
  'TZNAME:NZDT',
  'DTSTART:19700927T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=9;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+1300',
  'TZOFFSETTO:+1200',
  'TZNAME:NZST',
  'DTSTART:19700405T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');
