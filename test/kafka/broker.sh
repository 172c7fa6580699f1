#!/usr/bin/env bash
# A single-node Apache Kafka (KRaft, combined broker+controller) on 127.0.0.1 for the tests, from
# Kafka's jars on Maven Central (no Docker, no tarball download). It listens on free ports chosen at
# start (so two checkouts can test at once) unless KAFKA_PORT / KAFKA_CONTROLLER_PORT are set; the
# ports in use are kept in $EVENTLINE_KAFKA_HOME/ports and printed by start and status.
#
#   test/kafka/broker.sh start               # fetch jars (cached), format fresh storage, start, wait until ready
#   test/kafka/broker.sh start --keep-data   # start on the existing data dir (formats it only when absent)
#   test/kafka/broker.sh kill                # SIGKILL (a crash): the data dir is kept
#   test/kafka/broker.sh restart             # kill when running, then start --keep-data
#   test/kafka/broker.sh stop                # SIGTERM, then SIGKILL after a timeout; wipe the data dir
#   test/kafka/broker.sh status
#
# Environment: EVENTLINE_KAFKA_HOME (default: .eventline/kafka under the repo), KAFKA_LIBS (the jars;
# default $EVENTLINE_KAFKA_HOME/libs), KAFKA_PORT and KAFKA_CONTROLLER_PORT (default: free ports; a
# restart on kept data reuses the previous ones, since clients reconnect to the same address),
# KAFKA_HEAP (1G), KAFKA_START_TIMEOUT (seconds, 120). A second broker needs its own home, e.g.
#   EVENTLINE_KAFKA_HOME=.eventline/kafka-2 test/kafka/broker.sh start
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
home="${EVENTLINE_KAFKA_HOME:-$repo/.eventline/kafka}"
libs="${KAFKA_LIBS:-$home/libs}"
data="$home/data"
conf="$home/server.properties"
log="$home/server.log"
pidfile="$home/broker.pid"
portfile="$home/ports"
port="${KAFKA_PORT:-}"
cport="${KAFKA_CONTROLLER_PORT:-}"
timeout="${KAFKA_START_TIMEOUT:-120}"

fail() { echo "broker.sh: $*" >&2; exit 1; }

running() { [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

# The broker port of the broker in this home (what the last start chose).
recorded_port() { [[ -f "$portfile" ]] && cut -d' ' -f1 "$portfile"; }

# A port nothing listens on now (the kernel's choice for an ephemeral bind).
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Explicit ports win; a restart on kept data reuses the recorded ones; otherwise free ones.
choose_ports() {
  local keep="$1" old_port="" old_cport=""
  if [[ "$keep" == "--keep-data" && -f "$portfile" ]]; then read -r old_port old_cport <"$portfile"; fi
  port="${port:-${old_port:-$(free_port)}}"
  cport="${cport:-${old_cport:-$(free_port)}}"
  [[ "$cport" != "$port" ]] || cport="$(free_port)"
  echo "$port $cport" >"$portfile"
}

fetch() {
  command -v java >/dev/null || fail "java is not installed (Kafka needs Java 17+)"
  command -v mvn >/dev/null || fail "mvn is not installed (it fetches Kafka's jars from Maven Central)"
  if [[ -f "$libs/.complete" ]] && cmp -s "$here/pom.xml" "$libs/.complete"; then return; fi
  rm -rf "$libs"
  mkdir -p "$libs"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$libs" \
    || fail "mvn could not fetch Kafka's jars"
  cp "$here/pom.xml" "$libs/.complete"
}

configure() {
  mkdir -p "$home"
  cat >"$conf" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$data
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
PROPS
}

start() {
  local keep="${1:-}"
  if running; then echo "broker already running (pid $(cat "$pidfile")) on 127.0.0.1:$(recorded_port)"; return; fi
  fetch
  mkdir -p "$home"
  choose_ports "$keep"
  configure
  if [[ "$keep" == "--keep-data" && -f "$data/meta.properties" ]]; then
    echo "starting on the existing data in $data"
  else
    rm -rf "$data"
    java -cp "$libs/*" kafka.tools.StorageTool format -t "eventline-test-cluster-0001" -c "$conf" --standalone >/dev/null 2>"$home/format.log" \
      || java -cp "$libs/*" kafka.tools.StorageTool format -t "eventline-test-cluster-0001" -c "$conf" >/dev/null 2>>"$home/format.log" \
      || fail "formatting KRaft storage failed: $(tail -5 "$home/format.log")"
  fi
  # The readiness check greps this log: keep the previous run's log beside it.
  [[ -s "$log" ]] && mv "$log" "$log.1"
  : >"$log"
  KAFKA_HEAP="${KAFKA_HEAP:-1G}"
  nohup java "-Xms$KAFKA_HEAP" "-Xmx$KAFKA_HEAP" -cp "$libs/*" kafka.Kafka "$conf" >>"$log" 2>&1 &
  echo $! >"$pidfile"
  for ((i = 0; i < timeout * 2; i++)); do
    running || fail "the broker exited during start-up: $(tail -20 "$log")"
    if grep -q "Kafka Server started" "$log"; then
      echo "broker started (pid $(cat "$pidfile")) on 127.0.0.1:$port"
      return
    fi
    sleep 0.5
  done
  stop
  fail "the broker did not start within ${timeout}s: $(tail -20 "$log")"
}

stop() {
  if ! running; then rm -f "$pidfile"; rm -rf "$data"; echo "broker not running"; return; fi
  local pid
  pid="$(cat "$pidfile")"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
  rm -rf "$data"
  echo "broker stopped"
}

# A crash: SIGKILL, no clean shutdown, the data dir stays for `start --keep-data`.
crash() {
  if ! running; then rm -f "$pidfile"; echo "broker not running"; return; fi
  local pid
  pid="$(cat "$pidfile")"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && fail "pid $pid survived SIGKILL"
  rm -f "$pidfile"
  echo "broker killed (pid $pid); data kept in $data"
}

case "${1:-}" in
  start)
    case "${2:-}" in
      "" | --keep-data) start "${2:-}" ;;
      *) fail "unknown option for start: $2 (only --keep-data)" ;;
    esac
    ;;
  kill) crash ;;
  restart) crash && start --keep-data ;;
  stop) stop ;;
  status) if running; then echo "running (pid $(cat "$pidfile")) on 127.0.0.1:$(recorded_port)"; else echo "stopped"; exit 1; fi ;;
  *) fail "usage: broker.sh start [--keep-data]|kill|restart|stop|status" ;;
esac
