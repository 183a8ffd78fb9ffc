/**
 * Card-network rules change on published dates; every table row carries the interval it is in force, so a
 * decision about an attempt applies the rule of the attempt's own time (not today's, not the run's start).
 */

/** A half-open interval of real calendar time, `[from, until)`, as ISO dates (UTC midnight). */
export interface Effective {
  /** First day in force; absent when no earlier rule is encoded (the row applies to any earlier attempt). */
  from?: string;
  /** First day no longer in force. */
  until?: string;
}

/** True when a row is in force at epoch-ms `at` (real calendar time of the attempt). */
export function inForce(row: Effective, at: number): boolean {
  return (row.from === undefined || at >= Date.parse(row.from)) && (row.until === undefined || at < Date.parse(row.until));
}

/** The first row in force at `at` among rows matching `match`, or undefined. */
export function ruleAt<T extends Effective>(rows: readonly T[], at: number, match: (row: T) => boolean): T | undefined {
  return rows.find((row) => match(row) && inForce(row, at));
}
