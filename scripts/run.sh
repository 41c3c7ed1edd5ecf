#!/usr/bin/env bash
# Builds Postmaster if needed and runs it on Payara Micro in the foreground at http://localhost:8080/.
#
#   scripts/run.sh               with a local mail sandbox (GreenMail: SMTP 3025, IMAP 3143)
#   scripts/run.sh --no-sandbox  without it, for a real mail server
#
# Environment (all optional):
#   POSTMASTER_HTTP_PORT       HTTP port (8080)
#   POSTMASTER_DATA_DIR        where the database, the secret key and other files live (./data)
#   POSTMASTER_ADMIN_PASSWORD  password of user "admin" when it is first created; otherwise one is generated,
#                              printed once and written to $POSTMASTER_DATA_DIR/initial-admin-password
#   POSTMASTER_DB_DATASOURCE, POSTMASTER_DB_URL, POSTMASTER_DB_USER, POSTMASTER_DB_PASSWORD
#                              another database (see README); default: an H2 file in the data directory
#   POSTMASTER_SMTP_HOST, POSTMASTER_REPLY_TO, ...  first-start Email settings (see README)
#   POSTMASTER_JAVA_OPTS       options for the JVM, e.g. -Xmx2g (none)
# Ctrl-C stops the application and the sandbox.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/sandbox-seed.sh

sandbox=true
for arg in "$@"; do
    case "$arg" in
        --no-sandbox) sandbox=false ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "Unknown option: $arg (try --help)" >&2; exit 2 ;;
    esac
done

port=${POSTMASTER_HTTP_PORT:-8080}
export POSTMASTER_DATA_DIR
POSTMASTER_DATA_DIR=$(realpath -m "${POSTMASTER_DATA_DIR:-./data}")
mkdir -p "$POSTMASTER_DATA_DIR"
chmod 700 "$POSTMASTER_DATA_DIR"
# WRITE_DELAY=0: H2 writes every commit to its file before the commit returns. By default it does so up to 500 ms
# later, and a kill -9 then loses transactions that were reported committed (OutboxFaultIT: mail the SMTP server
# had accepted went back to the queue and was sent again).
export POSTMASTER_DB_URL=${POSTMASTER_DB_URL:-jdbc:h2:file:$POSTMASTER_DATA_DIR/postmaster;WRITE_DELAY=0}

if port_in_use "$port"; then
    echo "Port $port is already in use. Stop what runs there, or set POSTMASTER_HTTP_PORT." >&2
    exit 1
fi

war=target/postmaster.war
micro=target/runtime/payara-micro.jar
if [[ ! -f "$war" || ! -f "$micro" || -n "$(find src pom.xml server-config -newer "$war" -print -quit)" ]]; then
    echo "Building Postmaster (mvn package)..."
    mvn -B -q -DskipTests package
fi

pids=()
stop() {
    trap - INT TERM EXIT
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap stop INT TERM EXIT

if $sandbox; then
    sandbox_ports_free || exit 1
    scripts/sandbox.sh > "$POSTMASTER_DATA_DIR/sandbox.log" 2>&1 &
    pids+=($!)
    sandbox_seed "http://localhost:$port/"
    cat <<MSG
Mail sandbox (GreenMail) on 127.0.0.1: SMTP 3025, IMAP 3143 (demo / demo), log in $POSTMASTER_DATA_DIR/sandbox.log.
  Every address gets a mailbox. Read one:  scripts/sandbox.sh inbox you@example.com
  or with any IMAP client at 127.0.0.1:3143, login = the address, password = the address.
  Postmaster reads the demo mailbox; answer a notification into it:  scripts/sandbox.sh reply you@example.com
MSG
fi

echo "Starting Postmaster at http://localhost:$port/ (data in $POSTMASTER_DATA_DIR)..."
# POSTMASTER_JAVA_OPTS, e.g. -Xmx2g, bounds the heap. Not bounded by default: the outbox and the poller live in
# about 120 MB however much mail waits (docs/performance.md), but each console session keeps its recent views, and
# 50 sessions under load did not fit in 1 GB.
java ${POSTMASTER_JAVA_OPTS:-} -jar "$micro" \
    --nocluster --disablephonehome \
    --port "$port" \
    --contextroot / \
    --prebootcommandfile server-config/pre-boot-commands.asadmin \
    --postbootcommandfile server-config/post-boot-commands.asadmin \
    --logproperties server-config/logging.properties \
    --addlibs target/runtime/postgresql.jar \
    --deploy "$war" &
pids+=($!)
wait "${pids[-1]}"
