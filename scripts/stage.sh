#!/usr/bin/env bash
# Runs one setup stage quietly and prints one line for it: `<prefix>: <stage> ready (<seconds> s)`. Its output is
# shown only when it fails (the setup scripts end a known failure with one line naming the cause and the fix).
# On a terminal the line shows `…` while the stage runs. Usage: stage.sh <prefix> <stage name> <command…>
set -uo pipefail
prefix="$1"
name="$2"
shift 2
# Microseconds; EPOCHREALTIME needs bash 5 (macOS's /bin/bash 3.2 falls back to whole seconds).
now() { if [[ -n "${EPOCHREALTIME:-}" ]]; then echo "${EPOCHREALTIME/[.,]/}"; else echo "$(( $(date +%s) * 1000000 ))"; fi; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
started=$(now)
[[ -t 1 ]] && printf '%s: %-15s …' "$prefix" "$name"
"$@" >"$log" 2>&1
status=$?
seconds=$(awk -v us="$(( $(now) - started ))" 'BEGIN { printf "%.1f", us / 1e6 }')
[[ -t 1 ]] && printf '\r\033[K'
if [[ $status -ne 0 ]]; then
  cat "$log" >&2
  echo "$prefix: $name failed after $seconds s" >&2
  exit $status
fi
printf '%s: %-15s ready (%s s)\n' "$prefix" "$name" "$seconds"
