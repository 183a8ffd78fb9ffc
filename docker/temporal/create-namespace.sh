#!/bin/sh
# One-shot setup of a Temporal cluster for the engine: waits for the frontend, creates the namespace when it is
# missing, and registers each search attribute of SEARCH_ATTRIBUTES (Name=Type,…) the namespace lacks.
# Idempotent: safe to run on every `docker compose up`. Needs the `temporal` CLI (the admin-tools image has it).
set -eu
: "${TEMPORAL_ADDRESS:?set TEMPORAL_ADDRESS (host:port)}"
: "${TEMPORAL_NAMESPACE:?set TEMPORAL_NAMESPACE}"
: "${SEARCH_ATTRIBUTES:?set SEARCH_ATTRIBUTES (Name=Type,...)}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-30d}"
TEMPORAL="${TEMPORAL_CLI:-temporal}"

# retry TRIES DELAY WHAT COMMAND…: runs COMMAND until it succeeds (its output is the function's), or fails after TRIES.
retry() {
  tries=$1 delay=$2 what=$3
  shift 3
  attempt=0
  until "$@" 2>/dev/null; do
    attempt=$((attempt + 1))
    if [ "$attempt" -ge "$tries" ]; then
      echo "create-namespace: $what after $tries attempts" >&2
      return 1
    fi
    sleep "$delay"
  done
}

retry 60 2 "Temporal at $TEMPORAL_ADDRESS is not healthy" "$TEMPORAL" operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null

if ! "$TEMPORAL" operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
  "$TEMPORAL" operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" --retention "$RETENTION"
  echo "create-namespace: created $TEMPORAL_NAMESPACE"
fi

# A new namespace can take a moment to be visible to the search-attribute API.
existing=$(retry 30 1 "cannot list search attributes of $TEMPORAL_NAMESPACE" \
  "$TEMPORAL" operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE")

for pair in $(echo "$SEARCH_ATTRIBUTES" | tr ',' ' '); do
  name="${pair%%=*}"
  type="${pair#*=}"
  if echo "$existing" | grep -Eq "(^|[[:space:]])$name([[:space:]]|$)"; then
    continue
  fi
  "$TEMPORAL" operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" --name "$name" --type "$type"
  echo "create-namespace: registered $name ($type)"
done
echo "create-namespace: $TEMPORAL_NAMESPACE is ready"
