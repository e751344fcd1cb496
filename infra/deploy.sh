#!/usr/bin/env bash
# Deploys LeadIntake to Azure with the Azure CLI: the resource group, infra/main.bicep (Flex Consumption app on
# identity-only storage, Key Vault, Application Insights, alerts), the lead-identity secret on the first deployment,
# the package from infra/publish.sh by zip deploy; then prints the URLs and the key to hand out.
# Safe to run again: the template is idempotent and a stored secret is never replaced.
# See README "Deploying to Azure".
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat >&2 <<'USAGE'
usage: infra/deploy.sh -g RESOURCE_GROUP -l LOCATION [options]
  -n, --name NAME                    base name of the resources (default leadintake; 3-16 characters)
      --app-name NAME                function app name (default NAME-func-<token>)
      --alert-email ADDRESS          who receives the alerts
      --allow-origin ORIGIN          an origin of the built-in default form (repeat for more), e.g. https://www.contoso.com
      --sla-check-schedule CRON      NCRONTAB of SlaCheck (default '0 * * * * *')
      --funnel-rebuild-schedule CRON NCRONTAB of RebuildFunnel (default '0 */10 * * * *')
      --instance-memory MB           512, 2048 (default) or 4096
      --max-instances N              40..1000 (default 100)
      --handoff-webhook-url URL      turn the signed hand-off webhook on (stored in Key Vault)
      --handoff-webhook-secret KEY   its HMAC key (at least 16 characters; generated when the URL is new and none is given)
      --dashboard-sign-in-client-id ID  require Microsoft Entra sign-in for the dashboard, KPI and CSV routes
      --package ZIP                  deploy this zip instead of building one with infra/publish.sh
      --skip-code                    deploy the infrastructure only
USAGE
}

fail() { printf 'deploy.sh: %s\n' "$*" >&2; exit 1; }
log() { printf '==> %s\n' "$*" >&2; }

group="" location="" name="leadintake" app_name="" alert_email="" package="" skip_code=false
sla_schedule="" funnel_schedule="" memory="" max_instances="" webhook_url="" webhook_secret="" sign_in_client_id=""
origins=()
while [ $# -gt 0 ]; do
  case "$1" in
    -g|--resource-group) group="${2:-}"; shift 2 ;;
    -l|--location) location="${2:-}"; shift 2 ;;
    -n|--name) name="${2:-}"; shift 2 ;;
    --app-name) app_name="${2:-}"; shift 2 ;;
    --alert-email) alert_email="${2:-}"; shift 2 ;;
    --allow-origin) origins+=("${2:-}"); shift 2 ;;
    --sla-check-schedule) sla_schedule="${2:-}"; shift 2 ;;
    --funnel-rebuild-schedule) funnel_schedule="${2:-}"; shift 2 ;;
    --instance-memory) memory="${2:-}"; shift 2 ;;
    --max-instances) max_instances="${2:-}"; shift 2 ;;
    --handoff-webhook-url) webhook_url="${2:-}"; shift 2 ;;
    --handoff-webhook-secret) webhook_secret="${2:-}"; shift 2 ;;
    --dashboard-sign-in-client-id) sign_in_client_id="${2:-}"; shift 2 ;;
    --package) package="${2:-}"; shift 2 ;;
    --skip-code) skip_code=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) printf 'deploy.sh: unknown option %s\n' "$1" >&2; usage; exit 2 ;;
  esac
done
if [ -z "$group" ] || [ -z "$location" ]; then
  usage
  exit 2
fi

command -v az >/dev/null 2>&1 || fail "the Azure CLI (az) is not installed: https://learn.microsoft.com/cli/azure/install-azure-cli"
az account show --output none 2>/dev/null || fail "not signed in to Azure: run 'az login' (and 'az account set -s SUBSCRIPTION')"
command -v openssl >/dev/null 2>&1 || fail "openssl is needed to generate the lead-identity secret"
log "subscription: $(az account show --query '[name, id]' -o tsv | paste -sd ' ')"

# Every resource goes to the resource group's region (the template's default location).
log "resource group $group in $location"
az group create --name "$group" --location "$location" --tags application=LeadIntake --output none

# A secret already in the vault is kept: a new identity secret would start new lead ids. The vault is found by its tag
# (the template names it NAME-kv-<token>); existence is checked through ARM, which needs no Key Vault data role.
vault="$(az keyvault list -g "$group" --query "[?tags.application=='LeadIntake'].name | [0]" -o tsv 2>/dev/null || true)"
secret_exists() {
  [ -n "$vault" ] && az resource show --output none 2>/dev/null \
    --ids "$(az keyvault show -g "$group" -n "$vault" --query id -o tsv)/secrets/$1"
}

identity_secret=""
if secret_exists lead-identity-secret; then
  log "keeping the lead-identity secret in $vault"
else
  [ -n "$vault" ] && log "WARNING: $vault has no lead-identity-secret; a new one starts new lead ids"
  identity_secret="$(openssl rand -base64 32)"
  log "generated a new lead-identity secret (32 random bytes, base64); it is stored only in Key Vault"
fi

webhook_enabled=false
if [ -n "$webhook_url" ]; then
  webhook_enabled=true
  case "$webhook_url" in https://*) ;; *) fail "--handoff-webhook-url must be an https URL" ;; esac
  if [ -z "$webhook_secret" ] && ! secret_exists handoff-webhook-secret; then
    webhook_secret="$(openssl rand -hex 32)"
    log "generated the hand-off webhook HMAC key; give it to the receiver: $webhook_secret"
  fi
elif secret_exists handoff-webhook-url; then
  webhook_enabled=true
  log "keeping the hand-off webhook stored in $vault"
fi
[ -n "$webhook_secret" ] && [ "${#webhook_secret}" -lt 16 ] && fail "--handoff-webhook-secret must be at least 16 characters"

# infra/main.bicepparam reads these (readEnvironmentVariable), so the secrets never appear on a command line or in the
# deployment's history (they are @secure() parameters).
export LEADINTAKE_NAME="$name"
export LEADINTAKE_APP_NAME="$app_name"
export LEADINTAKE_ALERT_EMAIL="$alert_email"
export LEADINTAKE_DASHBOARD_SIGN_IN_CLIENT_ID="$sign_in_client_id"
export LEADINTAKE_HANDOFF_WEBHOOK_ENABLED="$webhook_enabled"
export LEADINTAKE_IDENTITY_SECRET="$identity_secret"
export LEADINTAKE_HANDOFF_WEBHOOK_URL="$webhook_url"
export LEADINTAKE_HANDOFF_WEBHOOK_SECRET="$webhook_secret"
[ -n "$sla_schedule" ] && export LEADINTAKE_SLA_CHECK_SCHEDULE="$sla_schedule"
[ -n "$funnel_schedule" ] && export LEADINTAKE_FUNNEL_REBUILD_SCHEDULE="$funnel_schedule"
[ -n "$memory" ] && export LEADINTAKE_INSTANCE_MEMORY_MB="$memory"
[ -n "$max_instances" ] && export LEADINTAKE_MAX_INSTANCES="$max_instances"
if [ "${#origins[@]}" -gt 0 ]; then
  origins_json="$(printf '"%s",' "${origins[@]}")"
  export LEADINTAKE_ALLOWED_ORIGINS="[${origins_json%,}]"
fi

log "deploying infra/main.bicep (a few minutes)"
az deployment group create --resource-group "$group" --name leadintake --parameters infra/main.bicepparam --output none
output() { az deployment group show -g "$group" -n leadintake --query "properties.outputs.$1.value" -o tsv; }
app="$(output functionAppName)"
app_url="$(output appUrl)"

if [ "$skip_code" = false ]; then
  if [ -z "$package" ]; then
    log "building the package (infra/publish.sh)"
    package="$(infra/publish.sh)"
  fi
  [ -f "$package" ] || fail "no package at $package"
  log "zip deploy of $package to $app"
  az functionapp deployment source config-zip --resource-group "$group" --name "$app" --src "$package" --output none
fi

log "waiting for the host's keys"
function_key=""
for _ in $(seq 1 30); do
  function_key="$(az functionapp keys list -g "$group" -n "$app" --query functionKeys.default -o tsv 2>/dev/null || true)"
  [ -n "$function_key" ] && break
  sleep 10
done
[ -n "$function_key" ] || fail "the app has no default function key yet: try 'az functionapp keys list -g $group -n $app' in a minute"

cat <<DONE

LeadIntake is deployed: $app_url

Capture (public, answers CORS per form):  $app_url/api/leads
On each landing page, a form and the snippet (README "Embed in three lines"):
  <form data-leadintake="FORM_ID" action="$app_url/api/leads?form=FORM_ID" method="post"> … </form>
  <script src="$app_url/api/snippet.js" defer></script>
Then add the page's origin to the form's row in the Forms table (AllowedOrigins), or pass --allow-origin.

Dashboard:  $app_url/api/dashboard?code=$function_key
Function key for machine callers (x-functions-key header): POST /api/activities, /api/leads/{lead}/sales-events, /api/spend,
  and GET /api/kpis, /api/kpis.csv, /api/leads.csv:
  $function_key
Erasure and access requests (DELETE /api/leads, GET /api/leads/export) need the master key:
  az functionapp keys list -g $group -n $app --query masterKey -o tsv
DONE
