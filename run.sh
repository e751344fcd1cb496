#!/usr/bin/env bash
# Runs LeadIntake locally: Azurite (in memory, or on disk with --data DIR) and the function app on 127.0.0.1:7071,
# under `func start` when Azure Functions Core Tools v4 are on PATH, else under the repository's local Functions host.
# Usage: ./run.sh [--data DIR] [--demo] [--allow-origin URL]...   PORT=8080 ./run.sh   LEADINTAKE_HOST=func|local ./run.sh   Ctrl-C stops everything.
# --demo first fills Azurite with a seeded six-month demo history (1,500 leads, sales events, SLA breaches, spend), once per data folder.
# --allow-origin lets pages on that origin (e.g. http://localhost:5500) post forms here: CORS and _redirect of the default form.
set -euo pipefail
cd "$(dirname "$0")"

data_dir=""
demo=false
origins=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data_dir="${2:?--data needs a directory}"; shift 2 ;;
    --data=*) data_dir="${1#--data=}"; shift ;;
    --demo) demo=true; shift ;;
    --allow-origin) origins+=("${2:?--allow-origin needs an origin such as http://localhost:5500}"); shift 2 ;;
    --allow-origin=*) origins+=("${1#--allow-origin=}"); shift ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# //'; exit 0 ;;
    *) echo "unknown argument: $1 (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done

port="${PORT:-7071}"
app_dir=functions/LeadIntake.Functions
settings="$app_dir/local.settings.json"
log() { printf '==> %s\n' "$*" >&2; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

host="${LEADINTAKE_HOST:-}"
if [ -z "$host" ]; then
  if command -v func >/dev/null 2>&1 && func --version 2>/dev/null | grep -q '^4\.'; then host=func; else host=local; fi
fi
case "$host" in
  func) command -v func >/dev/null 2>&1 || { echo "LEADINTAKE_HOST=func, but Azure Functions Core Tools (func) are not on PATH" >&2; exit 1; } ;;
  local) ;;
  *) echo "LEADINTAKE_HOST must be func or local, not '$host'" >&2; exit 2 ;;
esac

. infra/local/ensure-azurite.sh
ensure_azurite

for p in 10000 10001 10002 "$port"; do
  if port_busy "$p"; then
    echo "port $p on 127.0.0.1 is already in use (another ./run.sh or Azurite?); stop it or set PORT=" >&2
    exit 1
  fi
done

# What `func start` reads, and the local host too. Made once with fresh secrets and kept (gitignored), so lead ids and
# keys stay the same from run to run; local.settings.example.json lists every setting.
if [ ! -f "$settings" ]; then
  log "writing $settings (fresh identity secret, webhook secret and keys; the hand-off webhook is off until Handoff__WebhookUrl is set)"
  secret=$(head -c 32 /dev/urandom | base64)
  function_key=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  master_key=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  webhook_secret=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  cat > "$settings" <<JSON
{
  "IsEncrypted": false,
  "Values": {
    "AzureWebJobsStorage": "UseDevelopmentStorage=true",
    "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated",
    "LeadCaptureOptions__IdentitySecret": "$secret",
    "SlaCheckSchedule": "0 * * * * *",
    "FunnelRebuildSchedule": "*/10 * * * * *",
    "Handoff__WebhookUrl": "",
    "Handoff__WebhookSecret": "$webhook_secret",
    "LocalHost__FunctionKey": "$function_key",
    "LocalHost__MasterKey": "$master_key"
  },
  "Host": { "LocalHttpPort": 7071 }
}
JSON
fi
setting() { node -e 'process.stdout.write(require("./'"$settings"'").Values[process.argv[1]] || "")' "$1"; }
# The SLA clock's timer reads its schedule from this setting; a settings file from before it existed gets the default.
if [ -z "$(setting SlaCheckSchedule)" ]; then export SlaCheckSchedule="${SlaCheckSchedule:-0 * * * * *}"; fi
# Likewise the funnel rebuild's timer (every 10 seconds locally, so the dashboard follows a demo closely).
if [ -z "$(setting FunnelRebuildSchedule)" ]; then export FunnelRebuildSchedule="${FunnelRebuildSchedule:-*/10 * * * * *}"; fi
# Origins from --allow-origin join the built-in default form's (the Forms table's rows still override it per form).
for i in "${!origins[@]}"; do export "LeadCaptureOptions__AllowedOrigins__$i=${origins[$i]}"; done
function_key=$(setting LocalHost__FunctionKey)
master_key=$(setting LocalHost__MasterKey)

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  log "stopped"
}
trap cleanup INT TERM EXIT

azurite_args=(--disableTelemetry --silent --skipApiVersionCheck
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1)
if [ -n "$data_dir" ]; then
  mkdir -p "$data_dir"
  azurite_args+=(--location "$data_dir")
else
  azurite_args+=(--inMemoryPersistence)
fi

log "starting Azurite (${data_dir:-in memory})"
node node_modules/azurite/dist/src/azurite.js "${azurite_args[@]}" &
pids+=($!)
for _ in $(seq 1 50); do port_busy 10002 && port_busy 10001 && port_busy 10000 && break; sleep 0.2; done

# The demo history goes in before the app starts, through the application's use cases on a shifted clock
# (functions/LeadIntake.DemoHistory). A data folder remembers it was filled, so a restart does not add a second history.
demo_status="off (./run.sh --demo writes a six-month demo history)"
if [ "$demo" = true ]; then
  demo_marker="${data_dir:+$data_dir/.leadintake-demo-history}"
  if [ -n "$demo_marker" ] && [ -f "$demo_marker" ]; then
    demo_status="already in $data_dir (written $(cat "$demo_marker"))"
    log "demo history: $demo_status; not written again"
  else
    log "building the demo history generator"
    dotnet build functions/LeadIntake.DemoHistory -c Release -nologo -v quiet -clp:ErrorsOnly >&2
    log "writing a seeded six-month demo history into Azurite (captures, behaviour and sales events, the SLA clock, spend; about three minutes)"
    dotnet functions/LeadIntake.DemoHistory/bin/Release/net10.0/LeadIntake.DemoHistory.dll --connection "UseDevelopmentStorage=true" >&2
    if [ -n "$demo_marker" ]; then date -u +%Y-%m-%dT%H:%M:%SZ > "$demo_marker"; fi
    demo_status="written just now${data_dir:+ (kept in $data_dir)}"
  fi
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
if [ "$host" = func ]; then
  log "starting the function app with Azure Functions Core Tools (func start)"
  (cd "$app_dir" && exec func start --port "$port") &
  pids+=($!)
else
  log "building the function app and the local Functions host"
  dotnet build "$app_dir" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
  dotnet build infra/LeadIntake.LocalHost -c Release -nologo -v quiet -clp:ErrorsOnly >&2
  log "starting the function app under the local Functions host (development only)"
  dotnet infra/LeadIntake.LocalHost/bin/Release/net10.0/LeadIntake.LocalHost.dll \
    --script-root "$app_dir/bin/Release/net10.0" --port "$port" &
  pids+=($!)
fi

for _ in $(seq 1 300); do port_busy "$port" && break; sleep 0.2; done
cat <<MSG

  LeadIntake is running ($host host).
    Demo landing page:   http://127.0.0.1:$port/api/demo
    Capture endpoint:    POST http://127.0.0.1:$port/api/leads
    Form snippet:        <script src="http://127.0.0.1:$port/api/snippet.js" defer></script> + <form data-leadintake="my-form">
    Allowed origins:     ${origins[*]:-none besides this app (add --allow-origin http://localhost:5500 for a page there)}
    Behaviour events:    POST http://127.0.0.1:$port/api/activities                  (function key)
    Sales events:        POST http://127.0.0.1:$port/api/leads/{lead}/sales-events   (function key)
    KPI dashboard:       http://127.0.0.1:$port/api/dashboard?code=$function_key
    KPIs, plan, exports: GET /api/kpis, /api/kpis/plan, /api/kpis.csv, /api/leads.csv; spend: POST /api/spend   (function key)
    function key: $function_key
      For the README's curl examples, in another shell:
      export LEADINTAKE_URL=http://127.0.0.1:$port LEADINTAKE_KEY=$function_key
    master key: $master_key
      Keys go in the x-functions-key header or a ?code= query; the local host enforces them as Azure does
      (func start does not locally). For example, the host's status with the master key:
      curl -H "x-functions-key: $master_key" http://127.0.0.1:$port/admin/host/status
    Storage (Azurite):   paste this connection string into Azure Storage Explorer
                         (Connect > Storage account or service > Connection string):
      DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;
    Settings:            $settings
    Data:                ${data_dir:-in memory (gone on exit; use --data DIR to keep it)}
    Demo history:        $demo_status

  Ctrl-C stops everything.

MSG
wait -n "${pids[@]}"
