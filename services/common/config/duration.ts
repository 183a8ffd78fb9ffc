/**
 * Durations of the configuration (DAY_DURATION): a number and one of `ms`, `s`, `min`, `h`, `d`. A bare `m` is
 * refused: in retry policies `1m`/`2m` are months, so here it could be read either way.
 */
export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|min|h|d)$/;

const UNIT_MS = { ms: 1, s: 1_000, min: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const WORDS: [ms: number, singular: string][] = [[86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'minute'], [1_000, 'second'], [1, 'millisecond']];

/** Parses `1d`, `2s`, `2min`, `500ms` into milliseconds. */
export function parseDuration(value: string): number {
  const match = DURATION_PATTERN.exec(value.trim());
  if (!match) throw new Error(`not a duration: ${value}${ambiguityHint(value) ? ` (${ambiguityHint(value)})` : ''}`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** For `2m`: which was meant; undefined for anything else. */
export function ambiguityHint(value: string): string | undefined {
  const match = /^(\d+(?:\.\d+)?)m$/.exec(value.trim());
  return match ? `"m" could be minutes or months: write ${match[1]}min for minutes (a day cannot last months)` : undefined;
}

/** Milliseconds in words with the largest unit that fits: 120 000 → "2 minutes", 86 400 000 → "1 day", 1 500 → "1.5 seconds". */
export function durationInWords(ms: number): string {
  const [unitMs, singular] = WORDS.find(([size]) => ms >= size) ?? WORDS[WORDS.length - 1];
  const count = Math.round((ms / unitMs) * 100) / 100;
  return `${count} ${singular}${count === 1 ? '' : 's'}`;
}
