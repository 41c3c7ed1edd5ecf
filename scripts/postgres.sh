#!/usr/bin/env bash
# A PostgreSQL for the integration tests (profile "postgresql" in pom.xml): the one that answers on the port, or
# else a private instance of our own under target/.
#
#   scripts/postgres.sh start   if a PostgreSQL answers on 127.0.0.1:PORT (pg_isready), use it; otherwise install
#                               Debian's postgresql when its binaries are missing, and start a private instance
#                               (initdb, trust authentication on loopback only, superuser "postgres") on that port.
#                               Either way, (re)create the test role and empty test databases, as the README's
#                               "Use PostgreSQL" section does by hand.
#   scripts/postgres.sh stop    stop the private instance if this script started it; a PostgreSQL that was already
#                               there is left alone
#   scripts/postgres.sh status  say what runs (exit status 3 when nothing answers)
#
# Environment (all optional):
#   POSTMASTER_PG_PORT       the port on 127.0.0.1 (5432). Another port with nothing on it tests the private
#                            instance on a machine that has a PostgreSQL on 5432 already.
#   POSTMASTER_PG_USER       the role the application signs in as (postmaster_it)
#   POSTMASTER_PG_PASSWORD   its password (Postgres-Pa55)
#   POSTMASTER_PG_DATABASES  the databases to (re)create empty, owned by that role (postmaster_it
#                            postmaster_migrations)
#   POSTMASTER_PG_DIR        the private instance's data, log and marker (target/postgres; the data and log go to
#                            the temp folder, linked from there, when a parent directory is closed to their owner)
#   PGPASSWORD               the superuser's password, for a PostgreSQL on the port that asks for one
#
# A PostgreSQL that is already there is administered as superuser "postgres": over TCP when it lets us in
# (trust, or PGPASSWORD), else, as root, through its Unix socket as the system user postgres (Debian's peer
# authentication). Owner of the private instance: the current user, or as root the system user "postgres" (which
# Debian's package creates; made here when missing), since PostgreSQL refuses to run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
PATH=$PATH:/usr/sbin:/sbin

host=127.0.0.1
# No NOTICE lines ("does not exist, skipping") in the build log.
export PGOPTIONS="-c client_min_messages=warning"
port=${POSTMASTER_PG_PORT:-5432}
role=${POSTMASTER_PG_USER:-postmaster_it}
password=${POSTMASTER_PG_PASSWORD:-Postgres-Pa55}
read -r -a databases <<< "${POSTMASTER_PG_DATABASES:-postmaster_it postmaster_migrations}"
dir=$(realpath -m "${POSTMASTER_PG_DIR:-target/postgres}")
# The data directory: $dir/data, or where that symbolic link points (see start_private).
data=$(readlink -m "$dir/data")
# Written when this script starts the private instance, removed when it stops it: "stop" touches nothing else.
marker=$dir/started-by-postgres.sh

if [[ "$(id -u)" -eq 0 ]]; then
    owner=postgres
    as_owner() { runuser -u "$owner" -- "$@"; }
    sudo=""
else
    owner=$(id -un)
    as_owner() { "$@"; }
    sudo="sudo"
fi

# The directory of the newest installed server's binaries: Debian keeps them out of PATH, by major version.
bindir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [[ -n "$found" && -x "$found/initdb" ]]; then
        echo "$found"
    elif command -v initdb > /dev/null 2>&1 && command -v pg_ctl > /dev/null 2>&1; then
        dirname "$(command -v initdb)"
    else
        return 1
    fi
}

answers() { pg_isready -q -h "$host" -p "$port" -t 2 2> /dev/null; }

install_if_missing() {
    if bindir > /dev/null && command -v psql > /dev/null 2>&1 && command -v pg_isready > /dev/null 2>&1; then
        return 0
    fi
    echo "Installing PostgreSQL (Debian's postgresql)..."
    $sudo apt-get update -qq
    # Where the package starts a system cluster (not in a container without an init), it listens on 5432 and
    # "start" below uses it; where it does not, our private instance takes the port.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql > /dev/null
}

# psql as the superuser, on the server that answers on the port.
admin_psql() {
    if psql -X -q -w -h "$host" -p "$port" -U postgres -d postgres -c 'SELECT 1' > /dev/null 2>&1; then
        psql -X -q -w -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U postgres -d postgres "$@"
    elif [[ "$(id -u)" -eq 0 ]] && id postgres > /dev/null 2>&1; then
        runuser -u postgres -- psql -X -q -w -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@"
    else
        echo "Cannot sign in to the PostgreSQL on $host:$port as superuser postgres: set PGPASSWORD, or run as root" \
            "on the machine of a Debian cluster." >&2
        return 1
    fi
}

# The role and the empty databases, as in the README: CREATE ROLE ... LOGIN PASSWORD, CREATE DATABASE ... OWNER.
create_databases() {
    local name
    for name in "$role" "${databases[@]}" "$password"; do
        if [[ ! "$name" =~ ^[A-Za-z0-9_-]+$ ]]; then
            echo "Role, database names and password may hold only letters, digits, _ and -: $name" >&2
            exit 2
        fi
    done
    admin_psql <<SQL
SELECT 'CREATE ROLE "$role" LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') \gexec
ALTER ROLE "$role" LOGIN PASSWORD '$password';
SQL
    for name in "${databases[@]}"; do
        # A test run that was killed may have left the application connected.
        admin_psql -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)"
        admin_psql -c "CREATE DATABASE \"$name\" OWNER \"$role\""
    done
    echo "Databases ${databases[*]} on $host:$port are empty and owned by role $role."
}

# The PID of the private instance's postmaster, if it runs.
running_pid() {
    local pid
    pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null) || return 1
    [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/stat" ]] || return 1
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres ]] || return 1
    # A stale pid file (a killed instance) may name a PID that another PostgreSQL has now: ours runs on our data.
    [[ "$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)" == *" -D $data "* ]] || return 1
    echo "$pid"
}

start_private() {
    local bin
    bin=$(bindir)
    if [[ "$(id -u)" -eq 0 ]] && ! id "$owner" > /dev/null 2>&1; then
        useradd --system --user-group --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin "$owner"
    fi
    # One left running by a run that was killed, marker or not: it is ours, since it runs from our directory.
    stop_private
    rm -rf "$data"
    rm -f "$dir/data"
    mkdir -p "$dir"
    local home=$dir
    if [[ "$(id -u)" -eq 0 ]]; then chown "$owner:" "$dir"; fi
    if ! as_owner test -w "$dir" -a -x "$dir"; then
        # A parent directory is closed to the owner (a clone under /root): the data go to the temp folder, and
        # $dir/data links there, so that stop and the next start find them.
        home=${TMPDIR:-/tmp}/postmaster-postgres-$(printf '%s' "$dir" | md5sum | cut -c1-12)
        mkdir -p "$home"
        if [[ "$(id -u)" -eq 0 ]]; then chown "$owner:" "$home"; fi
        chmod 700 "$home"
        ln -s "$home/data" "$dir/data"
        echo "$owner cannot reach $dir, so the data are in $home."
    fi
    data=$home/data
    log=$home/postgres.log
    rm -rf "$data"
    as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 > "$dir/initdb.log"
    # Loopback TCP only, no Unix socket (its directory would be one more thing to own); fsync off: these are
    # throwaway test databases, rebuilt on every start.
    cat >> "$data/postgresql.conf" <<CONF
# Written by scripts/postgres.sh: a private instance for the tests.
listen_addresses = '$host'
port = $port
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
CONF
    echo "Starting a private PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on $host:$port" \
        "(data in $data, as $owner)..."
    touch "$marker"
    if ! as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start < /dev/null > /dev/null; then
        echo "PostgreSQL did not start. The end of $log:" >&2
        tail -n 20 "$log" >&2 || true
        rm -f "$marker"
        exit 1
    fi
}

start() {
    if running_pid > /dev/null; then
        # Ours, from a start without a stop: begin again from an empty one.
        start_private
    elif answers; then
        echo "Using the PostgreSQL that answers on $host:$port."
        rm -f "$marker"
    else
        install_if_missing
        if answers; then
            echo "Using the PostgreSQL that the package started on $host:$port."
        else
            if (exec 3<> "/dev/tcp/$host/$port") 2> /dev/null; then
                echo "Port $port is taken by something that is not PostgreSQL; set POSTMASTER_PG_PORT." >&2
                exit 1
            fi
            start_private
        fi
    fi
    create_databases
}

stop_private() {
    local pid
    if pid=$(running_pid); then
        as_owner "$(bindir)/pg_ctl" -D "$data" -m fast -w -t 60 stop > /dev/null
        echo "Stopped the private PostgreSQL (PID $pid)."
    fi
}

stop() {
    if [[ ! -e "$marker" ]]; then
        echo "No private PostgreSQL of scripts/postgres.sh in $dir; nothing to stop."
        return 0
    fi
    stop_private
    rm -f "$marker"
}

status() {
    if answers; then
        if [[ -e "$marker" ]] && pid=$(running_pid); then
            echo "The private PostgreSQL (PID $pid, data in $data) answers on $host:$port."
        else
            echo "A PostgreSQL that this script did not start answers on $host:$port."
        fi
    else
        echo "No PostgreSQL answers on $host:$port."
        return 3
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) echo "Usage: scripts/postgres.sh start|stop|status (try --help)" >&2; exit 2 ;;
esac
