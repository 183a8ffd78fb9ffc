/** Runs one parameterised SQL statement (a TypeORM `DataSource.query` or a `pg` client's). */
type Sql = (sql: string, params: unknown[]) => Promise<unknown>;

/**
 * Writes `count` past failures into `card_attempts` as the provider reported them: invoice `bt_in_<i>` failed at
 * `start + i minutes` on card `bt_fp_<i mod cards>` (odd cards Visa, even Mastercard, insufficient funds), and every
 * third invoice was paid nine days later (a succeeded attempt). One statement per kind, so 10 000 take well under a second.
 */
export async function seedStoredFailures(query: Sql, count: number, start: number, cards = Math.max(1, Math.floor(count / 3))): Promise<void> {
  await query(
    `INSERT INTO card_attempts (fingerprint, brand, attempted_at, idempotency_key, source, outcome, invoice_id, charge_id, decline_code)
     SELECT 'bt_fp_' || (i % $3), CASE WHEN (i % $3) % 2 = 1 THEN 'visa' ELSE 'mastercard' END,
            to_timestamp(($2::bigint + i * 60000) / 1000.0), 'observed:bt_f_' || i, 'provider', 'failed', 'bt_in_' || i, 'ch_bt_f_' || i, 'insufficient_funds'
       FROM generate_series(0, $1::int - 1) AS i`,
    [count, start, cards],
  );
  await query(
    `INSERT INTO card_attempts (fingerprint, brand, attempted_at, idempotency_key, source, outcome, invoice_id, charge_id)
     SELECT 'bt_fp_' || (i % $3), CASE WHEN (i % $3) % 2 = 1 THEN 'visa' ELSE 'mastercard' END,
            to_timestamp(($2::bigint + i * 60000 + 9 * 86400000) / 1000.0), 'observed:bt_p_' || i, 'provider', 'succeeded', 'bt_in_' || i, 'ch_bt_p_' || i
       FROM generate_series(0, $1::int - 1, 3) AS i`,
    [count, start, cards],
  );
}
