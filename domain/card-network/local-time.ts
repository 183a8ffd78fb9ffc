/**
 * Local clock arithmetic on the run's clock. A run's "day" is `dayMs` long (a real day in production,
 * seconds in a demo), so the local hour is `((t mod dayMs) / hour + utcOffsetHours) mod 24` with
 * hour = dayMs / 24: exact for real days, a consistent virtual clock for scaled ones. The UTC offset comes
 * from the IANA time zone at `t` (unknown or absent zones are UTC).
 */

/** The zone's UTC offset in hours at epoch-ms `t` (0 for an unknown zone). */
export function utcOffsetHours(timeZone: string | undefined, t: number): number {
  if (!timeZone) return 0;
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    }).formatToParts(new Date(t));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
    return Math.round((asUtc - Math.floor(t / 60_000) * 60_000) / 900_000) / 4; // quarter hours (e.g. +5:45)
  } catch {
    return 0; // RangeError: not an IANA zone
  }
}

/** Local hour of day (0 ≤ h < 24, fractional) at `t`. */
export function localHour(t: number, dayMs: number, offsetHours: number): number {
  const hourMs = dayMs / 24;
  return ((((t % dayMs) + dayMs) % dayMs) / hourMs + offsetHours + 48) % 24;
}

/** The local calendar date (UTC fields of the returned Date) and the day's local start on the run clock. */
export function localDay(t: number, dayMs: number, offsetHours: number): { date: Date; startAt: number } {
  const hourMs = dayMs / 24;
  const index = Math.floor((t + offsetHours * hourMs) / dayMs);
  return { date: new Date(index * 86_400_000), startAt: index * dayMs - offsetHours * hourMs };
}

/** True on the days money usually arrives: the 1st, the 15th and the month's last business day. */
export function isLikelyPayday(date: Date): boolean {
  const day = date.getUTCDate();
  if (day === 1 || day === 15) return true;
  if (day < 26) return false; // a month's last business day is never before the 26th (28 days, less a weekend)
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0));
  while (last.getUTCDay() === 0 || last.getUTCDay() === 6) last.setUTCDate(last.getUTCDate() - 1);
  return day === last.getUTCDate();
}
