#!/usr/bin/env bash
# Builds the deployable zip of the function app for linux-x64: host.json and one folder per function at the root,
# the self-contained handler where host.json's customHandler.description.defaultExecutablePath points, run bit set.
# Usage: infra/publish.sh [OUT_ZIP]   (default artifacts/leadintake-functions.zip)
set -euo pipefail
cd "$(dirname "$0")/.."

zip_path="$(realpath -m "${1:-artifacts/leadintake-functions.zip}")"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

handler=$(node -e 'const h=require("./host.json"); process.stdout.write(h.customHandler.description.defaultExecutablePath)')
handler_dir=$(dirname "$handler")

dotnet publish functions/LeadIntake.Functions -c Release -r linux-x64 --self-contained true \
  -p:PublishReadyToRun=true -nologo -v quiet -clp:ErrorsOnly -o "$stage/$handler_dir"
[ -f "$stage/$handler" ] || { echo "publish produced no $handler (host.json and the assembly name disagree)" >&2; exit 1; }
chmod +x "$stage/$handler"

cp host.json "$stage/"
cp -r functions/definitions/. "$stage/"

mkdir -p "$(dirname "$zip_path")"
rm -f "$zip_path"
(cd "$stage" && zip -qrX "$zip_path" .)
echo "$zip_path"
