import type { DatePrecision } from '@tracker/shared/domain';

/**
 * Dates in the data are calendar dates ("2019-10-04") with a precision: a source may give only the
 * year or the month, and then only that much is shown ("2016", "March 2016"). They are read and
 * formatted in UTC so that no time zone can move them to the day before.
 */
export function parseCalendarDate(iso: string): Date {
  const [year = '1970', month = '01', day = '01'] = iso.slice(0, 10).split('-');
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
}

const cache = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

export function formatCalendarDate(
  locale: string,
  iso: string,
  precision: DatePrecision = 'day',
): string {
  const date = parseCalendarDate(iso);
  // A bare year is written as digits in both languages ("2016", not "2016 г.").
  if (precision === 'year') return String(date.getUTCFullYear());
  if (precision === 'month') {
    return dateFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(date);
  }
  return dateFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A moment (an ISO timestamp such as a change's time), in the reader's own time zone. */
export function formatTimestamp(locale: string, iso: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatNumber(locale: string, value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** Whole years between a calendar date and `now`, never negative. */
export function yearsSince(iso: string, now: Date = new Date()): number {
  const from = parseCalendarDate(iso);
  let years = now.getUTCFullYear() - from.getUTCFullYear();
  const anniversary = new Date(from);
  anniversary.setUTCFullYear(now.getUTCFullYear());
  if (now < anniversary) years -= 1;
  return Math.max(0, years);
}
