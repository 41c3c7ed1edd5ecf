#!/usr/bin/env bash
# Starts N nodes of Postmaster (default 2) on this machine as one cluster on one PostgreSQL database, prints
# each node's address, and runs until Ctrl-C, which stops them all.
#
#   scripts/cluster.sh [N] [--no-sandbox]
#
# Each node i gets: the name node<i> (POSTMASTER_NODE_NAME, and Payara Micro's --name), HTTP port 8080+i-1
# (POSTMASTER_HTTP_PORT sets the first), Hazelcast on port 5900+i-1 on loopback (--startport, tcpip members,
# --nohostaware: all nodes are on one host), and its own data directory $POSTMASTER_CLUSTER_DIR/node<i>. All
# share the database and the secret key that seals the mail passwords (POSTMASTER_SECRET_KEY, else generated
# once into $POSTMASTER_CLUSTER_DIR/secret.key). The README's "Production" section shows the same on several hosts.
#
# Environment (all optional):
#   POSTMASTER_CLUSTER_DIR     the nodes' data directories, logs and the shared key (./data/cluster)
#   POSTMASTER_DB_URL, POSTMASTER_DB_USER, POSTMASTER_DB_PASSWORD
#                              the database; default: postmaster_cluster on the PostgreSQL at 127.0.0.1:5432,
#                              made when missing; when none answers there, a throwaway one (scripts/postgres.sh)
#   POSTMASTER_ADMIN_PASSWORD  the first admin password; otherwise node1 generates one and prints where it is
#   POSTMASTER_HTTP_PORT       the first node's HTTP port (8080)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/sandbox-seed.sh

nodes=2
sandbox=true
for arg in "$@"; do
    case "$arg" in
        --no-sandbox) sandbox=false ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        [0-9]|[0-9][0-9]) nodes=$arg ;;
        *) echo "Unknown option: $arg (try --help)" >&2; exit 2 ;;
    esac
done
if (( nodes < 1 || nodes > 20 )); then
    echo "The number of nodes must be between 1 and 20, not $nodes." >&2
    exit 2
fi

first_port=${POSTMASTER_HTTP_PORT:-8080}
first_hazelcast=5900
dir=$(realpath -m "${POSTMASTER_CLUSTER_DIR:-./data/cluster}")
mkdir -p "$dir"
chmod 700 "$dir"
for (( i = 0; i < nodes; i++ )); do
    for p in $(( first_port + i )) $(( first_hazelcast + i )); do
        if port_in_use "$p"; then
            echo "Port $p (node$(( i + 1 ))) is already in use. Stop what runs there." >&2
            exit 1
        fi
    done
done

# The database: one for all nodes.
private_pg=false
pids=()
stop() {
    trap - INT TERM EXIT
    echo "Stopping the cluster..."
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if $private_pg; then
        scripts/postgres.sh stop || true
    fi
}
trap stop INT TERM EXIT
if [[ -z "${POSTMASTER_DB_URL:-}" ]]; then
    if port_in_use 5432; then
        if ! command -v psql > /dev/null; then
            echo "Installing the PostgreSQL client (psql)..."
            sudo=""
            [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
            $sudo apt-get update -qq
            DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql-client > /dev/null
        fi
        if ! exists=$(psql -X -w -h 127.0.0.1 -U postgres -d postgres -Atc \
                "select 1 from pg_database where datname = 'postmaster_cluster'" 2>&1); then
            echo "Cannot sign in to the PostgreSQL on 127.0.0.1:5432 as postgres ($exists). Make a database for the" \
                "cluster and set POSTMASTER_DB_URL, POSTMASTER_DB_USER and POSTMASTER_DB_PASSWORD (README)." >&2
            exit 1
        fi
        if [[ -z "$exists" ]]; then
            psql -X -q -w -h 127.0.0.1 -U postgres -d postgres -c "create database postmaster_cluster"
            echo "Made the database postmaster_cluster on 127.0.0.1:5432."
        fi
        export POSTMASTER_DB_USER=${POSTMASTER_DB_USER:-postgres}
    else
        # scripts/postgres.sh's private instance is made for tests: made afresh at every start, stopped with the
        # cluster. Good for trying the cluster out; a real installation names its database.
        echo "No PostgreSQL answers on 127.0.0.1:5432: starting a throwaway one for this cluster (its data go when" \
            "the cluster stops; set POSTMASTER_DB_URL to keep them)."
        export POSTMASTER_PG_DIR="$dir/postgres" POSTMASTER_PG_USER=postmaster POSTMASTER_PG_PASSWORD=Cluster-Pa55 \
            POSTMASTER_PG_DATABASES=postmaster_cluster
        scripts/postgres.sh start
        private_pg=true
        export POSTMASTER_DB_USER=postmaster POSTMASTER_DB_PASSWORD=Cluster-Pa55
    fi
    export POSTMASTER_DB_URL=jdbc:postgresql://127.0.0.1:5432/postmaster_cluster
fi
export POSTMASTER_DB_DATASOURCE=${POSTMASTER_DB_DATASOURCE:-org.postgresql.ds.PGSimpleDataSource}

# One secret key for all nodes: a password sealed by one node must open on every other.
if [[ -z "${POSTMASTER_SECRET_KEY:-}" ]]; then
    if [[ ! -s "$dir/secret.key" ]]; then
        (umask 077; head -c 32 /dev/urandom | base64 > "$dir/secret.key.new" && mv "$dir/secret.key.new" "$dir/secret.key")
    fi
    POSTMASTER_SECRET_KEY=$(tr -d '\n' < "$dir/secret.key")
    export POSTMASTER_SECRET_KEY
fi

war=target/postmaster.war
micro=target/runtime/payara-micro.jar
if [[ ! -f "$war" || ! -f "$micro" || -n "$(find src pom.xml server-config -newer "$war" -print -quit)" ]]; then
    echo "Building Postmaster (mvn package)..."
    mvn -B -q -DskipTests package
fi


if $sandbox; then
    sandbox_ports_free || exit 1
    scripts/sandbox.sh > "$dir/sandbox.log" 2>&1 &
    pids+=($!)
    sandbox_seed "http://localhost:$first_port/"
    echo "Mail sandbox (GreenMail) on 127.0.0.1: SMTP 3025, IMAP 3143; read a mailbox: scripts/sandbox.sh inbox ADDRESS"
fi

members=""
for (( i = 0; i < nodes; i++ )); do
    members+="${members:+,}127.0.0.1:$(( first_hazelcast + i ))"
done

start_node() {
    local i=$1 name="node$1" port=$(( first_port + $1 - 1 ))
    mkdir -p "$dir/$name"
    chmod 700 "$dir/$name"
    POSTMASTER_NODE_NAME=$name POSTMASTER_DATA_DIR="$dir/$name" java ${POSTMASTER_JAVA_OPTS:-} -jar "$micro" \
        --name "$name" --clustername postmaster --clustermode "tcpip:$members" --interfaces 127.0.0.1 \
        --startport $(( first_hazelcast + i - 1 )) --nohostaware \
        --disablephonehome \
        --port "$port" \
        --contextroot / \
        --rootdir "$dir/$name/payara" \
        --prebootcommandfile server-config/pre-boot-commands.asadmin \
        --postbootcommandfile server-config/post-boot-commands.asadmin \
        --logproperties server-config/logging.properties \
        --addlibs target/runtime/postgresql.jar \
        --deploy "$war" > "$dir/$name.log" 2>&1 &
    pids+=($!)
}

await_node() {
    local name="node$1" port=$(( first_port + $1 - 1 )) pid=$2
    for (( t = 0; t < 360; t++ )); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "$name stopped while starting; its log ($dir/$name.log) ends with:" >&2
            tail -n 30 "$dir/$name.log" >&2
            exit 1
        fi
        if [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/login.xhtml" || true)" == 200 ]]; then
            echo "  $name  http://localhost:$port/   (log: $dir/$name.log)"
            return
        fi
        sleep 0.5
    done
    echo "$name did not answer within 3 minutes; see $dir/$name.log" >&2
    exit 1
}

# The first node alone, so that on a new database it makes the schema, the admin and the active settings before
# the others start; then the rest together.
echo "Starting $nodes node(s) on $POSTMASTER_DB_URL (data, logs and the shared key in $dir)..."
start_node 1
await_node 1 "${pids[-1]}"
started=()
for (( i = 2; i <= nodes; i++ )); do
    start_node "$i"
    started+=("$i:${pids[-1]}")
done
for entry in "${started[@]}"; do
    await_node "${entry%%:*}" "${entry##*:}"
done
if [[ -f "$dir/node1/initial-admin-password" ]]; then
    echo "Sign in as admin with the password in $dir/node1/initial-admin-password (any node)."
fi
echo "Each node's /health/ready names it and says which node polls the incoming account. Ctrl-C stops all."
wait
