#!/usr/bin/env bash
# 事件契约检查 (event contract check): the committed docs/asyncapi.json must be what the code
# publishes, and must parse clean (no error or warning) with the AsyncAPI parser.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
node -r @swc-node/register tools/asyncapi/export.ts "$fresh/asyncapi.json" >/dev/null
if ! diff -u docs/asyncapi.json "$fresh/asyncapi.json" >"$fresh/diff"; then
  head -n 80 "$fresh/diff" >&2
  echo "[asyncapi] docs/asyncapi.json 与代码不一致：请运行 npm run asyncapi 并提交 (the committed contract differs from the code)" >&2
  exit 1
fi
node -r @swc-node/register tools/asyncapi/validate.ts docs/asyncapi.json
echo "[asyncapi] 事件契约一致且检查通过 (event contract up to date and valid)"
