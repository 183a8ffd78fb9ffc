#!/usr/bin/env bash
# Installs schemathesis (the API fuzzer the contract test runs) from PyPI into its own venv, .tools/schemathesis.
# Idempotent: a second run with the pinned version already present returns at once.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/pip-venv.sh

SCHEMATHESIS_VERSION="4.32.5"
VENV=".tools/schemathesis"

pip_venv_install setup-schemathesis "$VENV" "$SCHEMATHESIS_VERSION" st "schemathesis==$SCHEMATHESIS_VERSION"
[[ $PIP_VENV_FRESH -eq 0 ]] || echo "setup-schemathesis: $("$VENV/bin/st" --version)" >&2
