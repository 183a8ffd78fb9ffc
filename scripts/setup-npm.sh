#!/usr/bin/env bash
# Installs the npm packages with `npm ci` when package.json, package-lock.json or the Node that runs them changed
# (native modules — @swc/core, @temporalio/core-bridge — must be installed by the Node that loads them).
# Idempotent: returns at once when node_modules matches. Expects setup-node.sh's Node first on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

STAMP="node_modules/.installed-with"
want="node $(node -v) $(cat package.json package-lock.json | cksum)"
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
  exit 0
fi
echo "setup-npm: npm ci on Node $(node -v)" >&2
npm ci --no-audit --no-fund --loglevel=error
echo "$want" >"$STAMP"
