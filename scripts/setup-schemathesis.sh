#!/usr/bin/env bash
# Installs schemathesis (the API fuzzer the contract test runs) from PyPI into its own venv, .tools/schemathesis.
# Idempotent: a second run with the pinned version already present returns at once.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION="4.32.5"
VENV=".tools/schemathesis"
STAMP="$VENV/.installed-$SCHEMATHESIS_VERSION"

if [[ -f "$STAMP" && -x "$VENV/bin/st" ]]; then
  exit 0
fi

PYTHON="${PYTHON:-python3}"
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "setup-schemathesis: python3 is required to install schemathesis from PyPI" >&2
  exit 1
fi

echo "setup-schemathesis: installing schemathesis==$SCHEMATHESIS_VERSION into $VENV" >&2
if ! "$PYTHON" -m venv "$VENV" >/dev/null; then
  echo "setup-schemathesis: could not create a Python venv at $VENV (on Debian: apt-get install python3-venv)" >&2
  exit 1
fi
if ! "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"; then
  echo "setup-schemathesis: pip could not install schemathesis from PyPI; check the network or PIP_INDEX_URL" >&2
  exit 1
fi
if [[ ! -x "$VENV/bin/st" ]]; then
  echo "setup-schemathesis: $VENV/bin/st is missing after install" >&2
  exit 1
fi
rm -f "$VENV"/.installed-*
touch "$STAMP"
echo "setup-schemathesis: $("$VENV/bin/st" --version)" >&2
