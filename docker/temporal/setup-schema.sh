#!/bin/sh
# One-shot schema setup of Temporal's PostgreSQL persistence (the admin-tools image's temporal-sql-tool):
# creates the `temporal` and `temporal_visibility` databases when missing and applies every versioned schema.
# Idempotent: update-schema only applies versions the database lacks.
set -eu
: "${POSTGRES_SEEDS:?}" "${POSTGRES_USER:?}"
if [ -n "${POSTGRES_PWD_FILE:-}" ]; then POSTGRES_PWD=$(cat "$POSTGRES_PWD_FILE"); fi
export SQL_PASSWORD="${POSTGRES_PWD:?set POSTGRES_PWD or POSTGRES_PWD_FILE}"
SCHEMA=/etc/temporal/schema/postgresql/v12
for db in temporal temporal_visibility; do
  dir=temporal
  [ "$db" = temporal_visibility ] && dir=visibility
  tool="temporal-sql-tool --plugin postgres12 --ep $POSTGRES_SEEDS -p ${DB_PORT:-5432} -u $POSTGRES_USER --db $db"
  $tool create 2>/dev/null || true # already there
  $tool setup-schema -v 0.0 2>/dev/null || true # already initialised
  $tool update-schema -d "$SCHEMA/$dir/versioned"
done
echo "setup-schema: Temporal schemas are up to date"
