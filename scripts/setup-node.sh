#!/usr/bin/env bash
# Makes sure the project runs on a Node.js that package.json's `engines` allows. When the machine's Node is
# older, installs a pinned Node 24 LTS from the npm registry (the `node-<os>-<cpu>` packages carry the official
# binary) into .tools/node; the Makefile, .ci/run and .npmrc's script shell put .tools/node/bin first on PATH.
# Idempotent: returns at once when the pinned Node is already there or the machine's Node is recent enough.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_VERSION="24.22.3"
DEST=".tools/node"
STAMP="$DEST/.installed-$NODE_VERSION"

if [[ -f "$STAMP" && -x "$DEST/bin/node" ]]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "setup-node: Node.js with npm is required (any version from 18 on; the project then installs its own Node $NODE_VERSION): https://nodejs.org" >&2
  exit 1
fi

# `engines.node` is `>=MAJOR.MINOR`: the machine's Node is used as it is when it satisfies that, unless
# PROJECT_NODE=pinned asks for the pinned one anyway (CI tests on the Node the project is released for).
if [[ "${PROJECT_NODE:-}" != "pinned" ]] && node -e '
  const [wantMajor, wantMinor] = require("./package.json").engines.node.replace(/^>=\s*/, "").split(".").map(Number);
  const [major, minor] = process.versions.node.split(".").map(Number);
  process.exit(major > wantMajor || (major === wantMajor && minor >= (wantMinor || 0)) ? 0 : 1);
'; then
  exit 0
fi

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) echo "setup-node: no Node $NODE_VERSION package for $(uname -s); install Node.js 22.12+ yourself (https://nodejs.org)" >&2; exit 1 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) cpu=x64 ;;
  aarch64 | arm64) cpu=arm64 ;;
  *) echo "setup-node: no Node $NODE_VERSION package for $(uname -m); install Node.js 22.12+ yourself (https://nodejs.org)" >&2; exit 1 ;;
esac
package="node-$os-$cpu@$NODE_VERSION"

echo "setup-node: installing $package from the npm registry into $DEST (machine Node $(node -v), package.json's engines $(node -p 'require("./package.json").engines.node'))" >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! npm pack "$package" --pack-destination "$tmp" --silent >/dev/null; then
  echo "setup-node: npm could not download $package; check the network or the npm registry setting (npm config get registry)" >&2
  exit 1
fi
tar -xzf "$tmp"/node-*.tgz -C "$tmp"
if [[ "$("$tmp/package/bin/node" -p process.versions.node 2>/dev/null)" != "$NODE_VERSION" ]]; then
  echo "setup-node: the downloaded $package does not run here" >&2
  exit 1
fi
mkdir -p .tools
rm -rf "$DEST"
mv "$tmp/package" "$DEST"
touch "$STAMP"
echo "setup-node: $DEST/bin/node $("$DEST/bin/node" -v)" >&2
