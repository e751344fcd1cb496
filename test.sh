#!/usr/bin/env bash
# Runs every test of LeadIntake and ends with the line "N passed, N failed" summed over all test assemblies.
# Installs what it needs first (Azurite from package-lock.json, Debian's chromium for browser tests).
# Each test assembly starts its own in-memory Azurite on free ports, so a running ./run.sh is never touched.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '==> %s\n' "$*" >&2; }

. infra/local/ensure-azurite.sh
ensure_azurite

if [ ! -x /usr/bin/chromium ]; then
  log "installing Debian's chromium for the browser tests"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

log "building"
dotnet build LeadIntake.sln -c Release -nologo -v quiet -clp:ErrorsOnly >&2

log "testing"
set +e
dotnet test LeadIntake.sln -c Release --no-build -nologo --logger trx --results-directory "$results" "$@" >&2
status=$?
set -e

passed=0; failed=0; found=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  found=$((found + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
done

if [ "$found" -eq 0 ]; then
  echo "no test results were written" >&2
  failed=$((failed + 1))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status although no test failed (a test host crashed?)" >&2
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
