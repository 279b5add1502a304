#!/usr/bin/env bash
# 接口契约检查 (contract check): the committed docs/openapi/*.json must be what the code
# serves, and must lint clean (errors and warnings alike) with Redocly's recommended rules.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
node -r @swc-node/register tools/openapi/export.ts "$fresh" >/dev/null
if ! diff -ru docs/openapi "$fresh"; then
  echo "[openapi] docs/openapi 与代码不一致：请运行 npm run openapi 并提交 (the committed contract differs from the code)" >&2
  exit 1
fi
report=$(NODE_NO_WARNINGS=1 npx redocly lint docs/openapi/*.json --format=summary 2>&1) || { echo "$report" >&2; exit 1; }
if grep -qE "You have [0-9]+ warning" <<<"$report"; then
  echo "$report" >&2
  echo "[openapi] 契约有警告 (the contract has lint warnings)" >&2
  exit 1
fi
echo "[openapi] 契约一致且检查通过 (contract up to date and clean)"
