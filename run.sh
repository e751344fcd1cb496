#!/usr/bin/env bash
# Runs LeadIntake locally: Azurite (in memory, or on disk with --data DIR) + the function app on 127.0.0.1:7071.
# Usage: ./run.sh [--data DIR]      PORT=8080 ./run.sh      Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"

data_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data_dir="${2:?--data needs a directory}"; shift 2 ;;
    --data=*) data_dir="${1#--data=}"; shift ;;
    -h|--help) sed -n '2,3p' "$0" | sed 's/^# //'; exit 0 ;;
    *) echo "unknown argument: $1 (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done

port="${PORT:-7071}"
log() { printf '==> %s\n' "$*" >&2; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

. infra/local/ensure-azurite.sh
ensure_azurite

for p in 10000 10001 10002 "$port"; do
  if port_busy "$p"; then
    echo "port $p on 127.0.0.1 is already in use (another ./run.sh or Azurite?); stop it or set PORT=" >&2
    exit 1
  fi
done

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  log "stopped"
}
trap cleanup INT TERM EXIT

azurite_args=(--disableTelemetry --silent --skipApiVersionCheck
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1)
if [ -n "$data_dir" ]; then
  mkdir -p "$data_dir"
  azurite_args+=(--location "$data_dir")
  secret_file="$data_dir/.leadintake-identity-secret"
  [ -s "$secret_file" ] || head -c 32 /dev/urandom | base64 > "$secret_file"
  identity_secret=$(cat "$secret_file")
else
  azurite_args+=(--inMemoryPersistence)
  identity_secret=$(head -c 32 /dev/urandom | base64)
fi

log "starting Azurite (${data_dir:-in memory})"
node node_modules/azurite/dist/src/azurite.js "${azurite_args[@]}" &
pids+=($!)
for _ in $(seq 1 50); do port_busy 10002 && port_busy 10001 && port_busy 10000 && break; sleep 0.2; done

log "building the function app"
dotnet build functions/LeadIntake.Functions -c Release -nologo -v quiet -clp:ErrorsOnly >&2

connection="UseDevelopmentStorage=true"
export AzureWebJobsStorage="$connection"
export LeadCaptureOptions__IdentitySecret="$identity_secret"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
(cd functions/LeadIntake.Functions/bin/Release/net10.0 && exec dotnet LeadIntake.Functions.dll --urls "http://127.0.0.1:$port") &
pids+=($!)

for _ in $(seq 1 100); do port_busy "$port" && break; sleep 0.2; done
cat <<MSG

  LeadIntake is running.
    Demo landing page:   http://127.0.0.1:$port/
    Capture endpoint:    POST http://127.0.0.1:$port/api/leads
    Storage (Azurite):   paste this connection string into Azure Storage Explorer
                         (Connect > Storage account or service > Connection string):
      DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;
    Data:                ${data_dir:-in memory (gone on exit; use --data DIR to keep it)}

  Ctrl-C stops everything.

MSG
wait -n "${pids[@]}"
