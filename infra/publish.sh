#!/usr/bin/env bash
# Builds the deployable zip of the function app: the isolated worker published for linux-x64, framework-dependent
# (Flex Consumption's dotnet-isolated 10.0 runtime brings .NET), with what the Functions host reads at the root:
# host.json, functions.metadata, worker.config.json, extensions.json and .azurefunctions/.
# Usage: infra/publish.sh [OUT_ZIP]   (default artifacts/leadintake-functions.zip)
set -euo pipefail
cd "$(dirname "$0")/.."

zip_path="$(realpath -m "${1:-artifacts/leadintake-functions.zip}")"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

dotnet publish functions/LeadIntake.Functions -c Release -r linux-x64 --self-contained false \
  -nologo -v quiet -clp:ErrorsOnly -o "$stage"
for required in host.json functions.metadata worker.config.json extensions.json .azurefunctions LeadIntake.Functions.dll; do
  [ -e "$stage/$required" ] || { echo "publish produced no $required" >&2; exit 1; }
done
rm -f "$stage/local.settings.json"

mkdir -p "$(dirname "$zip_path")"
rm -f "$zip_path"
(cd "$stage" && zip -qrX "$zip_path" .)
echo "$zip_path"
