#!/usr/bin/env bash
# 运行全部测试 (the one test command, README quick start): installs what is missing, checks
# types and boundaries, then runs every unit and integration test against a real PostgreSQL
# and a real Kafka broker, both provisioned here when no URLs are configured.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

started=$SECONDS
step() {
  local name=$1; shift
  local t0=$SECONDS
  echo "==> ${name}"
  "$@"
  echo "    ${name}: $((SECONDS - t0)) s"
}

# npm ci when node_modules is missing or older than the lock file
step "npm ci (安装依赖)" bash tools/install-deps.sh
# a broker this run starts is stopped when it ends, so no run leaves one behind for the next
if ! bash tools/kafka/kafka.sh status >/dev/null 2>&1; then
  trap 'bash tools/kafka/kafka.sh stop >/dev/null 2>&1 || true' EXIT
fi
# the console's end-to-end tests drive Debian's Chromium
# (installs only what is missing)
step "Chromium (浏览器与中文字体)" bash tools/install-chromium.sh
# the production-install test runs the release behind Debian's nginx with a self-signed certificate
step "nginx (TLS 反向代理)" bash tools/install-nginx.sh
step "Kafka (下载并启动 KRaft broker)" bash tools/kafka/kafka.sh ensure
step "typecheck (类型检查)" npx tsc -p tsconfig.json --noEmit
step "typecheck console (核查台类型检查)" npx tsc -p apps/console/tsconfig.json --noEmit
step "project graph (项目依赖图)" npx nx show projects
step "lint (边界规则)" npx eslint --max-warnings 0 .
step "lint fixtures (每条边界规则须能报错)" node tools/lint-fixtures/check.mjs
step "contracts (接口契约)" bash tools/openapi/check.sh
step "event contract (事件契约)" bash tools/asyncapi/check.sh
# one process: the integration tests share one broker, and one of them restarts it
step "jest (单元 + 集成测试)" npx jest --ci --runInBand "$@"
echo "==> 全部通过 (all passed) in $((SECONDS - started)) s"
