#!/usr/bin/env bash
# Builds scripts/compose-config (compose-go, the library `docker compose` itself uses) into .tools/bin so the
# tests can resolve docker/compose*.yaml as compose does, without a Docker engine. Idempotent: returns at once
# when the binary is newer than its sources. Needs Go and the Go module proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN_DIR="$PWD/.tools/bin"
BIN="$BIN_DIR/compose-config"
SRC=scripts/compose-config
if [[ -x "$BIN" && "$BIN" -nt "$SRC/main.go" && "$BIN" -nt "$SRC/go.sum" ]]; then
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "setup-compose-config: Go is required to build $SRC (https://go.dev/dl/)" >&2
  exit 1
fi
mkdir -p "$BIN_DIR"
echo "setup-compose-config: go build $SRC into $BIN_DIR" >&2
(cd "$SRC" && GOFLAGS="${GOFLAGS:-} -buildvcs=false" go build -o "$BIN.tmp" .)
mv "$BIN.tmp" "$BIN"
