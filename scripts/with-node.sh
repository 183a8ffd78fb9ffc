#!/bin/sh
# Runs a command with the project-local Node (.tools/node, installed by setup-node.sh when the machine's Node is
# older than package.json's engines) first on PATH: the package.json scripts go through it, so
# `npm run trigger` uses the same Node as `make up` whichever Node runs npm itself.
root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
PATH="$root/.tools/node/bin:$PATH"
export PATH
exec "$@"
