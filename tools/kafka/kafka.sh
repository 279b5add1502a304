#!/usr/bin/env bash
# 本地单节点 Kafka (KRaft, 无 Docker) 的安装/启动/停止脚本。
# Local single-node Apache Kafka 3.9.1 broker in KRaft mode on 127.0.0.1 (no Docker).
#
# Usage: tools/kafka/kafka.sh <command>
#   ensure        start unless a Kafka broker already answers on $KAFKA_PORT (idempotent)
#   start         download (if needed), format (if needed) and start the broker, wait until ready
#   stop          SIGTERM, then SIGKILL after $KAFKA_STOP_TIMEOUT seconds
#   stop --kill   SIGKILL immediately (simulates a crash)
#   status        exit 0 if running and ready, 3 if not running, 1 if running but not ready
#   pause         SIGSTOP the broker (a hung process: it holds its ports and answers nothing)
#   resume        SIGCONT it
#   tool <main-class> [args...]
#                 run a Kafka CLI class from the same classpath, e.g.
#                 tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list
#
# Environment:
#   KAFKA_CACHE_DIR        default <repo>/.cache/kafka (jars, data, generated config, logs, pid)
#   KAFKA_PORT             PLAINTEXT broker listener, default 9092
#   KAFKA_CONTROLLER_PORT  controller listener, default 9093
#   KAFKA_NODE_ID          this node's id, default 1
#   KAFKA_CONTROLLER_VOTERS  the controller quorum, default "<node id>@127.0.0.1:<controller port>" (one node);
#                          for a cluster the same list on every node, e.g. 1@127.0.0.1:19193,2@127.0.0.1:19194,3@127.0.0.1:19195
#   KAFKA_CLUSTER_ID       the cluster id storage is formatted with (the same on every node of a cluster), default random
#   KAFKA_INTERNAL_REPLICATION  replication factor of the internal topics (offsets, transactions) and the
#                          default for new ones, default 1; min.insync.replicas is 2 from a factor of 2 up
#   KAFKA_HEAP_OPTS        default "-Xms256m -Xmx512m"
#   KAFKA_JVM_OPTS         extra JVM options for the broker
#   KAFKA_START_TIMEOUT    seconds to wait for readiness, default 60
#   KAFKA_STOP_TIMEOUT     seconds to wait after SIGTERM before SIGKILL, default 30
#   KAFKA_LOG_LEVEL        broker log4j root level, default WARN (log: $KAFKA_CACHE_DIR/broker.log)
#   KAFKA_MVN_ARGS         extra arguments for mvn (e.g. "-o" for offline)
#   JAVA_HOME              optional; otherwise `java` from PATH

set -euo pipefail

readonly KAFKA_VERSION="3.9.1"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${SCRIPT_DIR}/../.." && pwd)"
readonly SCRIPT_DIR REPO_ROOT
readonly POM="${SCRIPT_DIR}/pom.xml"

CACHE_DIR="${KAFKA_CACHE_DIR:-${REPO_ROOT}/.cache/kafka}"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
NODE_ID="${KAFKA_NODE_ID:-1}"
VOTERS="${KAFKA_CONTROLLER_VOTERS:-${NODE_ID}@127.0.0.1:${CONTROLLER_PORT}}"
INTERNAL_REPLICATION="${KAFKA_INTERNAL_REPLICATION:-1}"
MIN_ISR=$((INTERNAL_REPLICATION >= 2 ? 2 : 1))
START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
HOST="127.0.0.1"
LOG_LEVEL="${KAFKA_LOG_LEVEL:-WARN}"

LIBS_DIR="${CACHE_DIR}/${KAFKA_VERSION}/libs"
LIBS_MARKER="${CACHE_DIR}/${KAFKA_VERSION}/.libs-complete"
DATA_DIR="${CACHE_DIR}/data"
LOG_DIR="${DATA_DIR}/kraft-logs"
CONF_DIR="${CACHE_DIR}/config"
SERVER_PROPS="${CONF_DIR}/server.properties"
LOG4J_PROPS="${CONF_DIR}/log4j.properties"
TOOLS_LOG4J_PROPS="${CONF_DIR}/tools-log4j.properties"
ADMIN_PROPS="${CONF_DIR}/admin-readiness.properties"
PID_FILE="${CACHE_DIR}/broker.pid"
BROKER_LOG="${CACHE_DIR}/broker.log"
LOCK_FILE="${CACHE_DIR}/.lock"

T_DOWNLOAD="0.0"
T_FORMAT="0.0"
T_START="0.0"

log() { printf '[kafka] %s\n' "$*" >&2; }
die() { printf '[kafka] 错误 (error): %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
}

# ---------------------------------------------------------------- helpers

now_ms() {
  if [[ -n "${EPOCHREALTIME:-}" ]]; then
    local t="${EPOCHREALTIME/[.,]/}"
    printf '%s\n' "$((10#${t} / 1000))"
  else
    printf '%s\n' "$(($(date +%s) * 1000))"
  fi
}

# elapsed <start_ms> -> "12.3"
elapsed() {
  local d=$(($(now_ms) - $1))
  printf '%d.%d' "$((d / 1000))" "$(((d % 1000) / 100))"
}

validate_env() {
  [[ "${PORT}" =~ ^[0-9]+$ ]] || die "KAFKA_PORT 不是数字: ${PORT}"
  [[ "${CONTROLLER_PORT}" =~ ^[0-9]+$ ]] || die "KAFKA_CONTROLLER_PORT 不是数字: ${CONTROLLER_PORT}"
  [[ "${PORT}" != "${CONTROLLER_PORT}" ]] || die "KAFKA_PORT 与 KAFKA_CONTROLLER_PORT 不能相同 (${PORT})"
  [[ "${START_TIMEOUT}" =~ ^[0-9]+$ ]] || die "KAFKA_START_TIMEOUT 不是数字: ${START_TIMEOUT}"
  [[ "${STOP_TIMEOUT}" =~ ^[0-9]+$ ]] || die "KAFKA_STOP_TIMEOUT 不是数字: ${STOP_TIMEOUT}"
  [[ "${LOG_LEVEL}" =~ ^(TRACE|DEBUG|INFO|WARN|ERROR)$ ]] || die "KAFKA_LOG_LEVEL 无效: ${LOG_LEVEL}"
  [[ "${NODE_ID}" =~ ^[0-9]+$ ]] || die "KAFKA_NODE_ID 不是数字: ${NODE_ID}"
  [[ "${VOTERS}" == *"${NODE_ID}@"* ]] || die "KAFKA_CONTROLLER_VOTERS 中没有本节点 ${NODE_ID}: ${VOTERS}"
  [[ "${INTERNAL_REPLICATION}" =~ ^[1-9]$ ]] || die "KAFKA_INTERNAL_REPLICATION 须为 1–9: ${INTERNAL_REPLICATION}"
}

java_bin() {
  if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
    printf '%s\n' "${JAVA_HOME}/bin/java"
  elif command -v java >/dev/null 2>&1; then
    command -v java
  else
    die "找不到 java (需要 Java 11+，推荐 17)。请安装 JDK 或设置 JAVA_HOME"
  fi
}

# Serialise concurrent invocations (e.g. several `ensure` from parallel test runners).
take_lock() {
  mkdir -p "${CACHE_DIR}"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"${LOCK_FILE}"
    flock -w 600 9 || die "等待锁超时: ${LOCK_FILE}"
  fi
}

# Is something accepting TCP connections on 127.0.0.1:<port>?
port_open() {
  local port="$1"
  if command -v timeout >/dev/null 2>&1; then
    timeout 2 bash -c "exec 3<>/dev/tcp/${HOST}/${port}" >/dev/null 2>&1
  else
    (exec 3<>"/dev/tcp/${HOST}/${port}") >/dev/null 2>&1
  fi
}

pid_is_ours() {
  local pid="$1" args
  [[ "${pid}" =~ ^[0-9]+$ ]] || return 1
  kill -0 "${pid}" 2>/dev/null || return 1
  if [[ -r "/proc/${pid}/cmdline" ]]; then
    args="$(tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null || true)"
  else
    args="$(ps -ww -o args= -p "${pid}" 2>/dev/null || true)"
  fi
  [[ "${args}" == *kafka.Kafka* && "${args}" == *"${SERVER_PROPS}"* ]]
}

# Prints the pid of our running broker, or returns 1 (and removes a stale pid file).
running_pid() {
  local pid
  [[ -f "${PID_FILE}" ]] || return 1
  pid="$(tr -dc '0-9' <"${PID_FILE}" || true)"
  if [[ -n "${pid}" ]] && pid_is_ours "${pid}"; then
    printf '%s\n' "${pid}"
    return 0
  fi
  rm -f "${PID_FILE}"
  return 1
}

libs_ready() {
  [[ -f "${LIBS_MARKER}" && -d "${LIBS_DIR}" ]] || return 1
  # Re-download only if pom.xml changed since the last successful copy.
  [[ "$(cat "${LIBS_MARKER}")" == "$(pom_digest)" ]]
}

pom_digest() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "${POM}" | cut -d' ' -f1
  else
    shasum -a 256 "${POM}" | cut -d' ' -f1
  fi
}

write_tools_log4j() {
  mkdir -p "${CONF_DIR}"
  cat >"${TOOLS_LOG4J_PROPS}.tmp" <<'EOF'
# generated by tools/kafka/kafka.sh
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.appender.stderr.Target=System.err
EOF
  mv -f "${TOOLS_LOG4J_PROPS}.tmp" "${TOOLS_LOG4J_PROPS}"
}

# run_tool <main-class> [args...]: run a Kafka CLI class with a fast-starting client JVM.
run_tool() {
  local java
  java="$(java_bin)"
  [[ -f "${TOOLS_LOG4J_PROPS}" ]] || write_tools_log4j
  "${java}" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    "-Dlog4j.configuration=file:${TOOLS_LOG4J_PROPS}" \
    -cp "${LIBS_DIR}/*" "$@"
}

# ---------------------------------------------------------------- steps

download_libs() {
  if libs_ready; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "需要 mvn (Maven) 从 Maven Central 下载 Kafka ${KAFKA_VERSION}"
  local t0 tmp extra=()
  t0="$(now_ms)"
  log "下载 Kafka ${KAFKA_VERSION} jar 包 (Maven Central) -> ${LIBS_DIR}"
  tmp="${CACHE_DIR}/${KAFKA_VERSION}/libs.tmp.$$"
  rm -rf "${tmp}"
  mkdir -p "${tmp}"
  if [[ -n "${KAFKA_MVN_ARGS:-}" ]]; then
    read -r -a extra <<<"${KAFKA_MVN_ARGS}"
  fi
  if ! mvn -q -B -f "${POM}" ${extra[@]+"${extra[@]}"} dependency:copy-dependencies \
    "-DoutputDirectory=${tmp}" >"${tmp}.mvn.log" 2>&1; then
    tail -n 40 "${tmp}.mvn.log" >&2 || true
    rm -rf "${tmp}" "${tmp}.mvn.log"
    die "mvn dependency:copy-dependencies 失败"
  fi
  rm -f "${tmp}.mvn.log"
  [[ -f "${tmp}/kafka_2.13-${KAFKA_VERSION}.jar" ]] || { rm -rf "${tmp}"; die "下载结果中缺少 kafka_2.13-${KAFKA_VERSION}.jar"; }
  rm -rf "${LIBS_DIR}"
  mv "${tmp}" "${LIBS_DIR}"
  pom_digest >"${LIBS_MARKER}"
  T_DOWNLOAD="$(elapsed "${t0}")"
  log "下载完成: $(find "${LIBS_DIR}" -name '*.jar' | wc -l | tr -d ' ') 个 jar, 用时 ${T_DOWNLOAD}s"
}

write_config() {
  mkdir -p "${CONF_DIR}" "${LOG_DIR}"
  cat >"${SERVER_PROPS}.tmp" <<EOF
# generated by tools/kafka/kafka.sh -- do not edit, rewritten on every start
process.roles=broker,controller
node.id=${NODE_ID}
controller.quorum.voters=${VOTERS}
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://${HOST}:${PORT},CONTROLLER://${HOST}:${CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://${HOST}:${PORT}
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT

log.dirs=${LOG_DIR}
num.partitions=3
default.replication.factor=${INTERNAL_REPLICATION}
min.insync.replicas=${MIN_ISR}
offsets.topic.replication.factor=${INTERNAL_REPLICATION}
transaction.state.log.replication.factor=${INTERNAL_REPLICATION}
transaction.state.log.min.isr=${MIN_ISR}
auto.create.topics.enable=false
delete.topic.enable=true
group.initial.rebalance.delay.ms=0
# After a crash (stop --kill) the restarted controller keeps the old broker registration
# alive for broker.session.timeout.ms (default 9 s) and rejects the new incarnation with
# DuplicateBrokerRegistrationException until then (+ retry backoff: ~17 s restart).
# Shorter session => crash restart in a few seconds.
broker.heartbeat.interval.ms=500
broker.session.timeout.ms=3000

num.network.threads=3
num.io.threads=8
num.recovery.threads.per.data.dir=1
log.retention.hours=168
log.segment.bytes=1073741824
log.retention.check.interval.ms=300000
EOF
  mv -f "${SERVER_PROPS}.tmp" "${SERVER_PROPS}"

  cat >"${LOG4J_PROPS}.tmp" <<EOF
# generated by tools/kafka/kafka.sh -- broker stdout/stderr is redirected to broker.log
log4j.rootLogger=${LOG_LEVEL}, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
# one INFO line "Kafka Server started" so the log shows successful starts
log4j.logger.kafka.server.KafkaRaftServer=INFO
EOF
  mv -f "${LOG4J_PROPS}.tmp" "${LOG4J_PROPS}"

  write_admin_props
  write_tools_log4j
}

write_admin_props() {
  mkdir -p "${CONF_DIR}"
  cat >"${ADMIN_PROPS}" <<'EOF'
request.timeout.ms=2000
default.api.timeout.ms=5000
socket.connection.setup.timeout.ms=1000
socket.connection.setup.timeout.max.ms=2000
EOF
}

format_storage() {
  if [[ -f "${LOG_DIR}/meta.properties" ]]; then
    return 0
  fi
  local t0 cluster_id out
  t0="$(now_ms)"
  cluster_id="${KAFKA_CLUSTER_ID:-$(run_tool kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1 | tr -d '[:space:]')}"
  [[ -n "${cluster_id}" ]] || die "生成 cluster id 失败 (kafka.tools.StorageTool random-uuid)"
  log "格式化存储 (cluster id ${cluster_id}) -> ${LOG_DIR}"
  if ! out="$(run_tool kafka.tools.StorageTool format -t "${cluster_id}" -c "${SERVER_PROPS}" 2>&1)"; then
    printf '%s\n' "${out}" >&2
    die "kafka.tools.StorageTool format 失败"
  fi
  [[ -f "${LOG_DIR}/meta.properties" ]] || { printf '%s\n' "${out}" >&2; die "格式化后仍缺少 meta.properties"; }
  T_FORMAT="$(elapsed "${t0}")"
  log "格式化完成, 用时 ${T_FORMAT}s"
}

# Real readiness: the broker answers Metadata requests and lists itself as a live
# (unfenced) broker. kafka.admin.BrokerApiVersionsCommand prints "<host>:<port> (id: 1 ...".
broker_ready() {
  local out to=()
  if command -v timeout >/dev/null 2>&1; then
    to=(timeout 20)
  fi
  out="$(${to[@]+"${to[@]}"} "${SCRIPT_DIR}/kafka.sh" tool kafka.admin.BrokerApiVersionsCommand \
    --bootstrap-server "${HOST}:${PORT}" --command-config "${ADMIN_PROPS}" 2>/dev/null)" || return 1
  [[ "${out}" == *"(id: ${NODE_ID} "* ]]
}

broker_log_tail() {
  if [[ -f "${BROKER_LOG}" ]]; then
    log "broker.log 最后 40 行 (${BROKER_LOG}):"
    tail -n 40 "${BROKER_LOG}" >&2 || true
  fi
}

# wait_ready <pid>
# The listener port is bound long before requests are served, and every probe costs a
# JVM start, so probe once the broker logged "Kafka Server started" (KafkaRaftServer is
# kept at INFO in log4j.properties), with a blind probe every few seconds as a fallback.
wait_ready() {
  local pid="$1" deadline next_probe
  deadline=$(($(now_ms) + START_TIMEOUT * 1000))
  next_probe=$(($(now_ms) + 8000))
  while :; do
    if ! kill -0 "${pid}" 2>/dev/null; then
      rm -f "${PID_FILE}"
      broker_log_tail
      die "broker 进程 (pid ${pid}) 已退出, 启动失败"
    fi
    if port_open "${PORT}"; then
      if grep -q 'Kafka Server started' "${BROKER_LOG}" 2>/dev/null || (($(now_ms) >= next_probe)); then
        if broker_ready; then
          return 0
        fi
        next_probe=$(($(now_ms) + 3000))
      fi
    fi
    if (($(now_ms) >= deadline)); then
      broker_log_tail
      die "broker 在 ${START_TIMEOUT}s 内未就绪 (pid ${pid} 仍在运行; 用 '$0 stop' 停止)"
    fi
    sleep 0.2
  done
}

launch_broker() {
  local java t0 heap=() jvm=() pid="" i
  java="$(java_bin)"
  read -r -a heap <<<"${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
  read -r -a jvm <<<"${KAFKA_JVM_OPTS:-}"

  if port_open "${PORT}"; then
    die "端口 ${HOST}:${PORT} 已被其他进程占用 (不是本脚本启动的 broker)"
  fi
  if port_open "${CONTROLLER_PORT}"; then
    die "controller 端口 ${HOST}:${CONTROLLER_PORT} 已被占用"
  fi

  # keep the previous log for post-mortems (e.g. after `stop --kill`)
  if [[ -f "${BROKER_LOG}" ]]; then
    mv -f "${BROKER_LOG}" "${BROKER_LOG}.1"
  fi
  rm -f "${PID_FILE}"

  t0="$(now_ms)"
  log "启动 broker: PLAINTEXT://${HOST}:${PORT}, controller ${HOST}:${CONTROLLER_PORT}, 数据 ${DATA_DIR}"
  local launcher=()
  if command -v setsid >/dev/null 2>&1; then
    launcher=(setsid)
  fi
  # The inner bash writes its own pid and then exec's java, so the pid file holds the
  # java pid even when setsid has to fork. nohup + setsid + </dev/null detach it from
  # the calling shell / terminal, so it survives the caller.
  # shellcheck disable=SC2016 # $$/$1/$@ are expanded by the inner bash
  nohup ${launcher[@]+"${launcher[@]}"} bash -c 'echo "$$" >"$1"; shift; exec "$@"' kafka-launcher \
    "${PID_FILE}" \
    "${java}" "${heap[@]}" \
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    ${jvm[@]+"${jvm[@]}"} \
    "-Dlog4j.configuration=file:${LOG4J_PROPS}" \
    "-Dkafka.logs.dir=${CACHE_DIR}" \
    -cp "${LIBS_DIR}/*" \
    kafka.Kafka "${SERVER_PROPS}" \
    </dev/null >>"${BROKER_LOG}" 2>&1 9>&- &
  disown 2>/dev/null || true

  for ((i = 0; i < 100; i++)); do
    if [[ -s "${PID_FILE}" ]]; then
      pid="$(tr -dc '0-9' <"${PID_FILE}" || true)"
      [[ -n "${pid}" ]] && break
    fi
    sleep 0.1
  done
  [[ -n "${pid}" ]] || { broker_log_tail; die "未能获得 broker pid"; }

  wait_ready "${pid}"
  T_START="$(elapsed "${t0}")"
  log "broker 已就绪 (pid ${pid}), 启动用时 ${T_START}s"
}

summary() {
  log "就绪 ready: bootstrap ${HOST}:${PORT} | 下载 download ${T_DOWNLOAD}s, 格式化 format ${T_FORMAT}s, 启动 start ${T_START}s"
}

# ---------------------------------------------------------------- commands

cmd_start() {
  validate_env
  take_lock
  start_locked
}

start_locked() {
  local pid
  if pid="$(running_pid)"; then
    if port_open "${PORT}" && broker_ready; then
      log "broker 已在运行 (pid ${pid}, ${HOST}:${PORT})"
      return 0
    fi
    log "broker 进程已存在 (pid ${pid}) 但尚未就绪, 等待..."
    wait_ready "${pid}"
    log "broker 已就绪 (pid ${pid})"
    return 0
  fi
  download_libs
  write_config
  format_storage
  launch_broker
  summary
}

cmd_ensure() {
  validate_env
  take_lock
  if ! running_pid >/dev/null && port_open "${PORT}"; then
    # Not started by this script (or by another cache dir), but something listens:
    # accept it if it is a ready Kafka broker, otherwise refuse to start.
    download_libs
    write_tools_log4j
    write_admin_props
    if broker_ready; then
      log "Kafka 已在 ${HOST}:${PORT} 运行 (非本脚本/本缓存目录启动), 无需启动"
      return 0
    fi
    die "端口 ${HOST}:${PORT} 已被占用, 但不是就绪的 Kafka broker"
  fi
  start_locked
}

cmd_stop() {
  local mode="${1:-}" pid i
  case "${mode}" in
    "" | --kill) ;;
    *) die "未知参数: ${mode} (用法: stop [--kill])" ;;
  esac
  if ! pid="$(running_pid)"; then
    log "broker 未运行 (没有有效的 pid 文件 ${PID_FILE})"
    return 0
  fi
  if [[ "${mode}" == "--kill" ]]; then
    log "kill -9 broker (pid ${pid})"
    kill -KILL "${pid}" 2>/dev/null || true
  else
    log "停止 broker (SIGTERM, pid ${pid})..."
    kill -TERM "${pid}" 2>/dev/null || true
    for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
      kill -0 "${pid}" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "${pid}" 2>/dev/null; then
      log "broker 在 ${STOP_TIMEOUT}s 内未退出, 发送 SIGKILL"
      kill -KILL "${pid}" 2>/dev/null || true
    fi
  fi
  for ((i = 0; i < 100; i++)); do
    kill -0 "${pid}" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "${pid}" 2>/dev/null && die "无法结束 broker (pid ${pid})"
  rm -f "${PID_FILE}"
  log "broker 已停止"
}

cmd_status() {
  local pid
  validate_env
  if ! pid="$(running_pid)"; then
    if port_open "${PORT}"; then
      log "没有本脚本启动的 broker, 但 ${HOST}:${PORT} 有进程在监听"
    else
      log "broker 未运行"
    fi
    return 3
  fi
  if port_open "${PORT}" && broker_ready; then
    log "broker 运行中且就绪 (pid ${pid}, bootstrap ${HOST}:${PORT}, cache ${CACHE_DIR})"
    return 0
  fi
  log "broker 进程存在 (pid ${pid}) 但未就绪"
  return 1
}

# cmd_signal <STOP|CONT>: freeze or thaw the running broker.
cmd_signal() {
  local pid
  pid="$(running_pid)" || die "broker 未运行"
  kill "-$1" "${pid}"
  log "SIG$1 → broker (pid ${pid})"
}

cmd_tool() {
  [[ $# -ge 1 ]] || die "用法: $0 tool <main-class> [args...]"
  libs_ready || die "尚未下载 jar 包, 请先运行 '$0 ensure'"
  run_tool "$@"
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "${cmd}" in
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    pause) cmd_signal STOP ;;
    resume) cmd_signal CONT ;;
    ensure) cmd_ensure "$@" ;;
    tool) cmd_tool "$@" ;;
    -h | --help | help) usage ;;
    *)
      usage
      exit 2
      ;;
  esac
}

main "$@"
