#!/usr/bin/env bash
# Builds stripe-mock (Go module github.com/stripe/stripe-mock) into .tools/bin for the Stripe contract tests.
# Idempotent: returns at once when the pinned version is already built. Needs Go and the Go module proxy.
set -euo pipefail
cd "$(dirname "$0")/.."

# Pinned so contract tests run against one OpenAPI spec; bump deliberately (the spec is embedded in the binary).
STRIPE_MOCK_VERSION="${STRIPE_MOCK_VERSION:-v0.203.0}"
BIN_DIR="$PWD/.tools/bin"
BIN="$BIN_DIR/stripe-mock"
STAMP="$BIN_DIR/.stripe-mock-$STRIPE_MOCK_VERSION"

if [[ -x "$BIN" && -f "$STAMP" ]]; then
  exit 0
fi

GO="${GO:-go}"
if ! command -v "$GO" >/dev/null 2>&1; then
  echo "setup-stripe-mock: Go is required to build stripe-mock (https://go.dev/dl/), or put a stripe-mock binary at $BIN" >&2
  exit 1
fi

mkdir -p "$BIN_DIR"
echo "setup-stripe-mock: go install github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION into $BIN_DIR" >&2
if ! GOBIN="$BIN_DIR" GOFLAGS="${GOFLAGS:-} -buildvcs=false" "$GO" install "github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION"; then
  echo "setup-stripe-mock: go install failed; check the network or GOPROXY ($("$GO" env GOPROXY))" >&2
  exit 1
fi
if [[ ! -x "$BIN" ]]; then
  echo "setup-stripe-mock: $BIN is missing after go install" >&2
  exit 1
fi
rm -f "$BIN_DIR"/.stripe-mock-*
touch "$STAMP"
echo "setup-stripe-mock: built $("$BIN" -version 2>&1 | head -n1)" >&2
