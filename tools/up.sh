#!/usr/bin/env bash
# 启动整个系统 (the README's first command): installs dependencies, provisions PostgreSQL and
# Kafka when DATABASE_URL / KAFKA_BROKERS are not set, migrates, serves all six services,
# seeds the example organisation into an empty directory (once) and prints how to mint a
# token for each of its people; runs until Ctrl-C. Logs go to .cache/logs/<service>.log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_DAEMON=false NX_NO_CLOUD=true

bash tools/install-deps.sh
echo "==> 准备 PostgreSQL 与 Kafka，执行数据库迁移 (provisioning and migrating)"
while IFS='=' read -r name value; do
  case "$name" in DATABASE_URL|DATABASE_OWNER_URL|KAFKA_BROKERS) export "$name=$value" ;; esac
done < <(node -r @swc-node/register tools/provision.ts)

mkdir -p .cache/logs
echo "==> 构建审计核查台 (building the auditor console, served at /console by the audit service)"
npx vite build --config apps/console/vite.config.mts --logLevel warn
# 本机开发用的密钥 (local keys, made once); production configures its own
dev_secret() {
  [ -s ".cache/$1" ] || node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('hex'))" > ".cache/$1"
  cat ".cache/$1"
}
dev_ed25519_key() {
  [ -s ".cache/$1" ] || node -e "process.stdout.write(require('node:crypto').generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }))" > ".cache/$1"
  cat ".cache/$1"
}
if [ -z "${AUDIT_SIGNING_KEY:-}" ]; then AUDIT_SIGNING_KEY=$(dev_ed25519_key dev-audit-signing-key.pem); export AUDIT_SIGNING_KEY; fi
if [ -z "${EVENT_SIGNING_KEY:-}" ]; then EVENT_SIGNING_KEY=$(dev_ed25519_key dev-event-signing-key.pem); export EVENT_SIGNING_KEY; fi
if [ -z "${DOCUMENT_CONTENT_KEY:-}" ]; then DOCUMENT_CONTENT_KEY=$(dev_secret dev-document-content-key); export DOCUMENT_CONTENT_KEY; fi
if [ -z "${MEETING_CONTENT_KEY:-}" ]; then MEETING_CONTENT_KEY=$(dev_secret dev-meeting-content-key); export MEETING_CONTENT_KEY; fi
if [ -z "${ARCHIVE_CONTENT_KEY:-}" ]; then ARCHIVE_CONTENT_KEY=$(dev_secret dev-archive-content-key); export ARCHIVE_CONTENT_KEY; fi
if [ -z "${JWT_SECRET:-}" ] && [ -z "${JWT_PUBLIC_KEY:-}" ]; then
  JWT_SECRET=$(dev_secret dev-jwt-secret)
  export JWT_SECRET
fi
pids=()
stop_all() {
  echo "==> 正在停止所有服务 (stopping)"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop_all EXIT INT TERM

for service in documents meetings archives seals audit directory affairs; do
  node -r @swc-node/register "apps/${service}/src/main.ts" >".cache/logs/${service}.log" 2>&1 &
  pids+=("$!")
done
declare -A ports=([documents]=3001 [meetings]=3002 [archives]=3003 [seals]=3004 [audit]=3005 [directory]=3006 [affairs]=3007)
for service in documents meetings archives seals audit directory affairs; do
  port=${ports[$service]}
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:${port}/health/live" >/dev/null 2>&1 && break
    sleep 0.5
  done
  if curl -fsS "http://127.0.0.1:${port}/health/live" >/dev/null 2>&1; then
    echo "    ${service}: http://127.0.0.1:${port}  (OpenAPI: /api/docs, 健康检查: /health)"
  else
    echo "    ${service}: 启动失败，见 .cache/logs/${service}.log (failed to start)" >&2
    tail -20 ".cache/logs/${service}.log" >&2
    exit 1
  fi
done
echo "==> 全部服务已启动，按 Ctrl-C 停止 (all services up; Ctrl-C stops them)"
echo "    审计核查台 (auditor console): http://127.0.0.1:3005/console/ （以审计员令牌登录，如 npx oa mint-token --sub guo.feng）"
echo "==> 组织与人员 (directory): 示例组织（仅在目录为空时登记一次）"
node tools/cli/oa.js directory example || echo "    示例组织登记失败 (seeding failed)，服务继续运行" >&2
echo "    令牌的姓名、角色和涉密等级取自目录；在另一终端先执行 export JWT_SECRET=\$(cat .cache/dev-jwt-secret)"
wait -n "${pids[@]}"
echo "一个服务意外退出，见 .cache/logs/ (a service exited)" >&2
exit 1
