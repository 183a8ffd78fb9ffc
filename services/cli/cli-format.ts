/** Small, pure formatters shared by the trigger and timeline commands. */

/** `$1,200.00`-style amounts from minor units. */
export function formatMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(minor / 100);
}

/** `2026-11-25 12:17:18` in UTC (runs are compared across machines; UTC keeps lines comparable). */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** `12:17:18` in UTC, the date left out when it is the same as `sameDayAs`'s. */
export function formatClock(ms: number, sameDayAs: number): string {
  const full = formatDateTime(ms);
  return full.slice(0, 10) === formatDateTime(sameDayAs).slice(0, 10) ? full.slice(11) : full;
}

/** A duration for people: `950ms`, `14s`, `2m 14s`, `3h 05m`, `67d 4h`. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  if (abs < 1_000) return `${sign}${Math.round(abs)}ms`;
  const s = Math.round(abs / 1_000);
  if (s < 60) return `${sign}${s}s`;
  if (s < 3_600) return `${sign}${Math.floor(s / 60)}min ${String(s % 60).padStart(2, '0')}s`;
  if (s < 86_400) return `${sign}${Math.floor(s / 3_600)}h ${String(Math.floor((s % 3_600) / 60)).padStart(2, '0')}min`;
  return `${sign}${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3_600)}h`;
}
