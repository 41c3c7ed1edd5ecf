#!/usr/bin/env bash
# The outbox benchmark: queues N notifications through the JSON API (one task assignment each) against a
# running Postmaster whose SMTP server is Postfix's smtp-sink, and reports how fast they are queued and how fast
# the outbox drains. Everything runs on loopback; counts and time are bounded.
#
#   scripts/bench.sh [N=10000] [CONCURRENCY=16]
#
# Installs postfix (for smtp-sink) with apt-get when missing. Method and results: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-10000}
concurrency=${2:-16}
http_port=18280
smtp_port=2526

if [[ ! -x /usr/sbin/smtp-sink ]]; then
    sudo=""
    [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postfix > /dev/null
fi
if [[ ! -f target/postmaster.war || ! -f target/runtime/payara-micro.jar ]]; then
    mvn -B -q -DskipTests package
fi

work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# smtp-sink accepts everything; -c counts SMTP sessions and messages, so the log shows connection reuse.
/usr/sbin/smtp-sink -c -u nobody 127.0.0.1:$smtp_port 256 > "$work/smtp-sink.log" 2>&1 &
pids+=($!)

POSTMASTER_HTTP_PORT=$http_port POSTMASTER_DATA_DIR="$work/data" POSTMASTER_ADMIN_PASSWORD=Bench-Admin-1 \
    POSTMASTER_SMTP_HOST=127.0.0.1 POSTMASTER_SMTP_PORT=$smtp_port POSTMASTER_REPLY_TO=noreply@bench.test \
    scripts/run.sh --no-sandbox > "$work/postmaster.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$http_port/login.xhtml")" == 200 ]] && break
    sleep 1
done

echo "Queuing $count notifications with $concurrency requests in flight (2 cores, H2 in $work)..."
java scripts/bench/QueueNotifications.java "http://localhost:$http_port/" Bench-Admin-1 "$count" "$concurrency"
sleep 1
echo "smtp-sink (sessions and messages it saw, last line):"
tr '\r' '\n' < "$work/smtp-sink.log" | grep -v '^$' | tail -1
