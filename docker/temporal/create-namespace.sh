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

attempt=0
until "$TEMPORAL" operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 60 ]; then
    echo "create-namespace: Temporal at $TEMPORAL_ADDRESS is not healthy after 60 attempts" >&2
    exit 1
  fi
  sleep 2
done

if ! "$TEMPORAL" operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
  "$TEMPORAL" operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" --retention "$RETENTION"
  echo "create-namespace: created $TEMPORAL_NAMESPACE"
fi

# A new namespace can take a moment to be visible to the search-attribute API.
existing=""
attempt=0
until existing=$("$TEMPORAL" operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" 2>/dev/null); do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 30 ]; then
    echo "create-namespace: cannot list search attributes of $TEMPORAL_NAMESPACE" >&2
    exit 1
  fi
  sleep 1
done

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
