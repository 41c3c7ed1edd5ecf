#!/usr/bin/env bash
# Postmaster's benchmarks, side by side with the tools people trust (issue 10). One command, one run:
#
#   scripts/bench.sh                          the full run (see the sizes below; about an hour on 2 cores)
#   BENCH_N=2000 ROUNDS=1 scripts/bench.sh    a quick run
#   BENCH_ONLY="drain boot" scripts/bench.sh  only some of: boot drain memory e2e fanout incoming console
#
# It installs what it needs with apt-get (postfix for smtp-sink/smtp-source, dovecot-imapd, wrk; no system daemon
# of theirs is started or needed), starts them unprivileged on 127.0.0.1, boots Postmaster (Payara Micro, H2 in a
# fresh data directory) and runs:
#   1. drain      N held notifications released; time until smtp-sink accepted all N, against smtp-source -d
#                 (1 and C connections), a naive Jakarta Mail Transport.send loop and a loop on reused connections
#      memory     heap (after a full GC) and RSS with 1,000 and with BENCH_HELD mails held, then their drain
#   2. e2e        POST /api/tasks with 16 in flight until all their mails are accepted by the sink
#   3. fanout     one project with BENCH_FANOUT members: the commit, then until all are accepted by the sink
#   4. incoming   BENCH_INCOMING unread mails in Dovecot; until the poller stored them all and set \Seen, against
#                 a raw Jakarta Mail bulk fetch of the same mail
#   5. boot       java -jar payara-micro.jar to the first 200 on /login.xhtml, against an empty WAR
#   6. console    wrk -c50 on the signed-in Email and Outbox pages (1 shared session; 50 sessions), against a
#                 static resource
# Every figure is the median of ROUNDS rounds; a ratio is taken within one round. Writes target/bench/results.md
# and results.json and prints the table. Method: docs/performance.md.
#
# Environment (defaults are the issue's sizes):
#   ROUNDS=3  BENCH_N=20000 (drain)  BENCH_HELD=100000 (memory)  BENCH_E2E_N=$BENCH_N  BENCH_E2E_CONCURRENCY=16
#   BENCH_FANOUT=1000  BENCH_INCOMING=10000  BENCH_INCOMING_SMALL=1000  BENCH_WINDOW=100 (the poller's window)
#   BENCH_SIZE=2048 (message bytes of the reference tools)  BENCH_WRK_SECONDS=30  BENCH_WRK_CONNECTIONS=50
#   POSTMASTER_SMTP_CONNECTIONS=2 (seeded "Parallel connections"; the loops and smtp-source use as many)
#   BENCH_ONLY (all)  BENCH_TIMEOUT_FACTOR=1 (multiplies every deadline)
# Ports: 18280-18282 (HTTP), 18225 (smtp-sink), 18243 (Dovecot). Hold the shared lock when others run Payara:
#   flock /tmp/pm-it.lock scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PATH=$PATH:/usr/sbin:/sbin

rounds=${ROUNDS:-3}
drain_n=${BENCH_N:-20000}
held_n=${BENCH_HELD:-100000}
e2e_n=${BENCH_E2E_N:-$drain_n}
e2e_c=${BENCH_E2E_CONCURRENCY:-16}
fanout_n=${BENCH_FANOUT:-1000}
incoming_n=${BENCH_INCOMING:-10000}
incoming_small=${BENCH_INCOMING_SMALL:-1000}
window=${BENCH_WINDOW:-100}
size=${BENCH_SIZE:-2048}
wrk_seconds=${BENCH_WRK_SECONDS:-30}
wrk_c=${BENCH_WRK_CONNECTIONS:-50}
connections=${POSTMASTER_SMTP_CONNECTIONS:-2}
only=" ${BENCH_ONLY:-boot drain memory e2e fanout incoming console} "
factor=${BENCH_TIMEOUT_FACTOR:-1}
# The JVM options scripts/run.sh uses (POSTMASTER_JAVA_OPTS, none by default), for Postmaster and the empty WAR.
java_opts=${POSTMASTER_JAVA_OPTS:-}

http_port=18280
empty_port=18281
boot_port=18282
smtp_port=18225
imap_port=18243
password=Bench-Admin-1
imap_password=Bench-Imap-1
imap_user=bench-inbox
members=bench
out=target/bench
work=$out/run
dovecot_dir=${TMPDIR:-/tmp}/pm-bench-dovecot
micro=target/runtime/payara-micro.jar
war=target/postmaster.war

say() { printf '[bench %s] %s\n' "$(date +%T)" "$*"; }
fail() { printf '[bench] FAILED: %s\n' "$*" >&2; exit 1; }
wants() { [[ "$only" == *" $1 "* ]]; }
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.4f\", $* }"; }
deadline_in() { awk "BEGIN { printf \"%d\", $(date +%s) + ($1) * $factor }"; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
rec() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$out/rounds.tsv"; }
meta() { printf '%s\t%s\n' "$1" "$2" >> "$out/meta.tsv"; }
kv() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<< "$2"; }

# --- what it needs -------------------------------------------------------------------------------------------
install_tools() {
    local missing=()
    [[ -x /usr/sbin/smtp-sink && -x /usr/sbin/smtp-source ]] || missing+=(postfix)
    { command -v dovecot > /dev/null && [[ -x /usr/lib/dovecot/imap ]]; } || missing+=(dovecot-imapd)
    command -v wrk > /dev/null || missing+=(wrk)
    ((${#missing[@]})) || return 0
    say "Installing ${missing[*]} with apt-get..."
    local sudo=""
    [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    # Debconf: postfix asks nothing ("No configuration"); its daemon is never needed, only its test tools.
    echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" > "$out/apt.log" 2>&1 \
        || { tail -20 "$out/apt.log" >&2; fail "apt-get install ${missing[*]}"; }
    # Where the package scripts did start system daemons, stop them: nothing here uses them.
    if [[ -f /var/spool/postfix/pid/master.pid ]] && $sudo postfix status > /dev/null 2>&1; then
        $sudo postfix stop > /dev/null 2>&1 || true
    fi
    if [[ -f /run/dovecot/master.pid ]] && kill -0 "$(cat /run/dovecot/master.pid)" 2>/dev/null; then
        $sudo doveadm -c /etc/dovecot/dovecot.conf stop > /dev/null 2>&1 || true
    fi
}

mail_classpath() {
    if [[ ! -s "$out/mail.classpath" ]]; then
        mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$out/all.classpath" > "$out/mvn-cp.log" 2>&1 \
            || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$out/all.classpath" > "$out/mvn-cp.log" 2>&1 \
            || fail "mvn dependency:build-classpath (see $out/mvn-cp.log)"
        tr ':' '\n' < "$out/all.classpath" \
            | grep -E '/(angus-mail|angus-activation|jakarta\.mail-api|jakarta\.activation-api)-[0-9][^/]*\.jar$' \
            | paste -sd: > "$out/mail.classpath"
    fi
    cat "$out/mail.classpath"
}

# --- processes we start, and stopping them ---------------------------------------------------------------------
pids=()
dovecot_started=false
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    if $dovecot_started; then
        POSTMASTER_DOVECOT_PORT=$imap_port POSTMASTER_DOVECOT_DIR=$dovecot_dir scripts/dovecot.sh stop > /dev/null || true
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop_pid() {
    local pid=$1
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    local keep=()
    for p in "${pids[@]}"; do [[ "$p" == "$pid" ]] || keep+=("$p"); done
    pids=("${keep[@]}")
}

# java -jar payara-micro.jar as scripts/run.sh runs it (no sandbox); sets $started_pid.
start_postmaster() {
    local port=$1 data=$2 log=$3
    mkdir -p "$data"
    chmod 700 "$data"
    env POSTMASTER_DATA_DIR="$(realpath "$data")" POSTMASTER_DB_URL="jdbc:h2:file:$(realpath "$data")/postmaster;WRITE_DELAY=0" \
        POSTMASTER_ADMIN_PASSWORD=$password POSTMASTER_ADMIN_EMAIL=admin@bench.test \
        POSTMASTER_SMTP_HOST=127.0.0.1 POSTMASTER_SMTP_PORT=$smtp_port POSTMASTER_SMTP_CONNECTIONS="$connections" \
        POSTMASTER_REPLY_TO=noreply@bench.test POSTMASTER_APPLICATION_URL="http://localhost:$port/" \
        POSTMASTER_IMAP_HOST=127.0.0.1 POSTMASTER_IMAP_PORT=$imap_port POSTMASTER_IMAP_USERNAME=$imap_user \
        POSTMASTER_IMAP_PASSWORD=$imap_password POSTMASTER_IMAP_ADDRESS=inbox@bench.test \
        POSTMASTER_POLL_INTERVAL_SECONDS=10 \
        java $java_opts -jar "$micro" --nocluster --disablephonehome --port "$port" --contextroot / \
            --prebootcommandfile server-config/pre-boot-commands.asadmin \
            --postbootcommandfile server-config/post-boot-commands.asadmin \
            --logproperties server-config/logging.properties \
            --addlibs target/runtime/postgresql.jar --deploy "$war" > "$log" 2>&1 &
    started_pid=$!
    pids+=("$started_pid")
}

start_empty() {
    local port=$1 log=$2
    java $java_opts -jar "$micro" --nocluster --disablephonehome --port "$port" --contextroot / \
        --deploy "$out/empty.war" > "$log" 2>&1 &
    started_pid=$!
    pids+=("$started_pid")
}

# Seconds from now until URL answers 200 (bounded); the process must stay alive.
wait_200() {
    local url=$1 pid=$2 what=$3 limit
    limit=$(deadline_in 240)
    local t0
    t0=$(now)
    until [[ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$url")" == 200 ]]; do
        kill -0 "$pid" 2>/dev/null || fail "$what exited before answering $url (log in $work)"
        (($(date +%s) < limit)) || fail "$what did not answer 200 on $url within $((240 * factor)) s"
        sleep 0.1
    done
}

# --- smtp-sink, the API, memory --------------------------------------------------------------------------------
sink_count() {
    local c
    c=$(tail -c 400 "$work/smtp-sink.log" 2>/dev/null | tr '\r' '\n' | grep -o 'mesg=[0-9]*' | tail -1 | cut -d= -f2)
    echo "${c:-0}"
}
# Waits until smtp-sink has counted at least $1 messages in all (bounded by $2 seconds); prints when (epoch).
wait_sink() {
    local target=$1 limit what=$3
    limit=$(deadline_in "$2")
    while (($(sink_count) < target)); do
        (($(date +%s) < limit)) || fail "$what: smtp-sink has $(sink_count) of $target messages after $(( $2 * factor )) s"
        sleep 0.05
    done
    now
}
api() {
    local method=$1 path=$2
    curl -sf -m 60 -u "admin:$password" -X "$method" -H 'Content-Type: application/json' \
        "http://127.0.0.1:$http_port/api/$path" || fail "$method /api/$path"
}
queued() { api GET outbox/summary | grep -o '"QUEUED":[0-9]*' | cut -d: -f2 || echo 0; }
metrics() { curl -sf -m 30 -u "admin:$password" "http://127.0.0.1:$http_port/metrics" || true; }
# One metric's value (summed over its tags) from the Prometheus text: the name, then labels, then the value last.
metric() { metrics | awk -v name="$1" 'index($0, name) == 1 && substr($0, length(name) + 1, 1) ~ /[{ ]/ { s += $NF; n++ } END { if (n) printf "%.3f", s }'; }
# Payara Micro prints each base metric twice: the first line only, not the sum.
heap_now_mb() {
    metrics | awk '/^memory_usedHeap_bytes[{ ]/ { printf "%.1f", $NF / 1048576; exit }'
}
rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$app_pid/status"; }
hwm_mb() { awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$app_pid/status"; }
heap_after_gc_mb() {
    jcmd "$app_pid" GC.run > /dev/null
    jcmd "$app_pid" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | awk '{ sub("K", "", $2); printf "%.1f", $2 / 1024 }'
}

client() { timeout $((1800 * factor)) java scripts/bench/BenchClient.java "$@"; }
base="http://127.0.0.1:$http_port/"

# Queues $1 notifications while sending is held, as projects of up to $fanout_n members (one request each).
queue_held() {
    local total=$1 tag=$2 done_n=0 k=0 chunk
    local before
    before=$(queued)
    while ((done_n < total)); do
        chunk=$((total - done_n < fanout_n ? total - done_n : fanout_n))
        k=$((k + 1))
        client project "$base" "$password" "Held $tag-$k $project_padding" "$members" 1 "$chunk" > /dev/null
        done_n=$((done_n + chunk))
    done
    local limit
    limit=$(deadline_in 120)
    while (($(queued) < before + total)); do
        (($(date +%s) < limit)) || fail "only $(queued) of $((before + total)) mails are QUEUED"
        sleep 0.2
    done
}

# --- Dovecot ---------------------------------------------------------------------------------------------------
imap_login() (
    exec 3<>"/dev/tcp/127.0.0.1/$imap_port"
    read -r -t 5 _ <&3
    printf 'a1 LOGIN %s %s\r\n' "$1" "$imap_password" >&3
    read -r -t 5 _ <&3
    printf 'a2 LOGOUT\r\n' >&3
    cat <&3 > /dev/null
)
owner() { stat -c %U:%G "$dovecot_dir/mail"; }
unseen() {
    local box=$dovecot_dir/mail/$1
    echo $(( $(find "$box/new" -type f | wc -l) + $(find "$box/cur" -type f ! -name '*:2,*S*' | wc -l) ))
}
inbound_stored() { metric postmaster_inbound_messages_total | awk '{ printf "%d", $1 } END { if (!NR) print 0 }'; }
poll_seconds() { metric postmaster_inbound_poll_seconds_sum; }

# Places $1 messages into the poller's mailbox, and times until all are stored and seen. Round $2, key prefix $3.
incoming_poller() {
    local n=$1 r=$2 key=$3 stage=$dovecot_dir/stage-$2-$3
    timeout $((600 * factor)) java -cp "$mail_cp" scripts/bench/Incoming.java place "$stage" "$n" "r$r$key$$" > /dev/null
    chown -R "$(owner)" "$stage"
    local stored0 poll0 peak=0 h
    stored0=$(inbound_stored)
    poll0=$(poll_seconds)
    local t0 limit
    find "$stage" -type f -exec mv -t "$dovecot_dir/mail/$imap_user/new/" {} +
    t0=$(now)
    limit=$(deadline_in $((120 + n / 10)))
    while (($(inbound_stored) < stored0 + n)) || (($(unseen "$imap_user") > 0)); do
        (($(date +%s) < limit)) || fail "incoming: $(( $(inbound_stored) - stored0 )) of $n stored, $(unseen "$imap_user") unseen"
        h=$(heap_now_mb)
        [[ -n "$h" ]] && peak=$(awk "BEGIN { print ($h > $peak) ? $h : $peak }")
        sleep 0.5
    done
    local t1 poll1
    t1=$(now)
    poll1=$(poll_seconds)
    rmdir "$stage"
    incoming_wall=$(calc "$t1 - $t0")
    if [[ -n "$poll0" && -n "$poll1" ]]; then
        incoming_poll=$(calc "$poll1 - $poll0")
    else  # no poll timer in /metrics (see metrics.txt): the wall time stands in for it
        incoming_poll=$incoming_wall
    fi
    incoming_peak=$peak
}

# --- the run ---------------------------------------------------------------------------------------------------
mkdir -p "$out"
rm -rf "$work" "$out/rounds.tsv" "$out/meta.tsv" "$out/results.md" "$out/results.json"
mkdir -p "$work"
for p in $http_port $empty_port $boot_port $smtp_port $imap_port; do
    port_in_use "$p" && fail "port $p is in use; stop what runs there"
done
install_tools
if [[ ! -f "$war" || ! -f "$micro" || -n "$(find src pom.xml server-config -newer "$war" -print -quit)" ]]; then
    say "Building Postmaster (mvn package)..."
    mvn -B -q -o -DskipTests package > "$out/mvn.log" 2>&1 || mvn -B -q -DskipTests package > "$out/mvn.log" 2>&1 \
        || fail "mvn package (see $out/mvn.log)"
fi
mail_cp=$(mail_classpath)
[[ -n "$mail_cp" ]] || fail "no Angus Mail jars found in the project's classpath"

micro_version=$(sed -n "s|.*<payara.micro.version>\(.*\)</payara.micro.version>.*|\1|p" pom.xml | head -1)
meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta machine "$(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, $(java -version 2>&1 | head -1), Payara Micro ${micro_version:-?}, H2 file database, $(uname -sr)"
meta parameters "ROUNDS=$rounds BENCH_N=$drain_n BENCH_HELD=$held_n BENCH_E2E_N=$e2e_n BENCH_FANOUT=$fanout_n BENCH_INCOMING=$incoming_n BENCH_WRK_SECONDS=$wrk_seconds BENCH_SIZE=$size connections=$connections"
meta connections "$connections"
meta drain_n "$drain_n"
meta held_n "$held_n"
meta e2e_n "$e2e_n"
meta e2e_concurrency "$e2e_c"
meta fanout_n "$fanout_n"
meta incoming_n "$incoming_n"
meta incoming_window "$window"
meta wrk_seconds "$wrk_seconds"
meta wrk_connections "$wrk_c"
say "$(grep '^machine' "$out/meta.tsv" | cut -f2)"
say "Rounds: $rounds; benchmarks:$only"

# 5. Boot, first, while nothing else of ours runs.
if wants boot; then
    mkdir -p "$work/empty/WEB-INF"
    echo '<!DOCTYPE html><title>empty</title><p>empty</p>' > "$work/empty/index.html"
    echo '<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0"/>' > "$work/empty/WEB-INF/web.xml"
    rm -f "$out/empty.war"
    jar --create --file "$out/empty.war" -C "$work/empty" .
    for r in $(seq 1 "$rounds"); do
        t0=$(now)
        start_empty $empty_port "$work/boot-empty-$r.log"
        wait_200 "http://127.0.0.1:$empty_port/index.html" "$started_pid" "Payara Micro with the empty WAR"
        empty_s=$(calc "$(now) - $t0")
        stop_pid "$started_pid"
        t0=$(now)
        start_postmaster $boot_port "$work/boot-data-$r" "$work/boot-postmaster-$r.log"
        wait_200 "http://127.0.0.1:$boot_port/login.xhtml" "$started_pid" "Postmaster"
        pm_s=$(calc "$(now) - $t0")
        stop_pid "$started_pid"
        rec boot.empty_s "$r" "$empty_s"; rec boot.pm_s "$r" "$pm_s"; rec boot.ratio "$r" "$(calc "$pm_s / $empty_s")"
        say "boot round $r: Postmaster $pm_s s, empty WAR $empty_s s"
    done
fi

if wants drain || wants memory || wants e2e || wants fanout || wants incoming || wants console; then
    # smtp-sink accepts everything; -c keeps running counters (sessions, messages) that sink_count reads.
    /usr/sbin/smtp-sink -c -u nobody 127.0.0.1:$smtp_port 1024 > "$work/smtp-sink.log" 2>&1 &
    pids+=($!)
    POSTMASTER_DOVECOT_PORT=$imap_port POSTMASTER_DOVECOT_DIR=$dovecot_dir POSTMASTER_DOVECOT_PASSWORD=$imap_password \
        scripts/dovecot.sh start > "$work/dovecot-start.log" 2>&1 || { cat "$work/dovecot-start.log" >&2; fail "Dovecot"; }
    dovecot_started=true
    imap_login "$imap_user"
    say "smtp-sink on 127.0.0.1:$smtp_port, Dovecot on 127.0.0.1:$imap_port; starting Postmaster on :$http_port..."
    start_postmaster $http_port "$work/data" "$work/postmaster.log"
    app_pid=$started_pid
    wait_200 "http://127.0.0.1:$http_port/login.xhtml" "$app_pid" "Postmaster"
    # The "Parallel connections" setting, when the application has an API for it (not yet: the seeded value rules).
    say "Postmaster runs (PID $app_pid). Creating $fanout_n users and the task assignee..."
    users_out=$(client users "$base" "$password" "$members" "$fanout_n" 4)
    say "users: $users_out"
    client users "$base" "$password" assignee 1 1 > /dev/null
    # Notifications padded to about $size bytes: the task title and project name are in subject and body.
    task_title_length=${BENCH_TITLE_LENGTH:-200}
    project_padding=$(printf 'p%.0s' $(seq 1 ${BENCH_PROJECT_PADDING:-150}))
fi

if wants memory; then
    say "memory: holding sending, queuing 1,000 then $held_n..."
    api POST outbox/hold > /dev/null
    queue_held 1000 m1
    rec mem.small.heap_mb 1 "$(heap_after_gc_mb)"; rec mem.small.rss_mb 1 "$(rss_mb)"
    queue_held $((held_n - 1000)) m2
    rec mem.big.heap_mb 1 "$(heap_after_gc_mb)"; rec mem.big.rss_mb 1 "$(rss_mb)"
    c0=$(sink_count); t0=$(now); peak=0
    api POST outbox/release > /dev/null
    limit=$(deadline_in $((120 + held_n / 20)))
    while (($(sink_count) < c0 + held_n)); do
        (($(date +%s) < limit)) || fail "memory: the $held_n held mails did not drain (sink has $(( $(sink_count) - c0 )))"
        h=$(heap_now_mb); [[ -n "$h" ]] && peak=$(awk "BEGIN { print ($h > $peak) ? $h : $peak }")
        sleep 1
    done
    t1=$(now)
    rec mem.drain.heap_peak_mb 1 "$peak"; rec mem.drain.hwm_mb 1 "$(hwm_mb)"
    rec mem.drain.rate 1 "$(calc "$held_n / ($t1 - $t0)")"
    say "memory: $(grep '^mem\.' "$out/rounds.tsv" | tr '\t' ' ' | paste -sd' ')"
fi

if wants drain; then
    for r in $(seq 1 "$rounds"); do
        say "drain round $r: holding, queuing $drain_n..."
        api POST outbox/hold > /dev/null
        queue_held "$drain_n" "d$r"
        c0=$(sink_count); t0=$(now)
        api POST outbox/release > /dev/null
        t1=$(wait_sink $((c0 + drain_n)) $((120 + drain_n / 20)) "Postmaster drain")
        pm=$(calc "$drain_n / ($t1 - $t0)")
        rec drain.pm.rate "$r" "$pm"; rec drain.pm.seconds "$r" "$(calc "$t1 - $t0")"

        for s in 1 "$connections"; do
            c0=$(sink_count); t0=$(now)
            timeout $((600 * factor)) smtp-source -d -s "$s" -m "$drain_n" -l "$size" -f bench@bench.test \
                -t sink@bench.test -M bench.test 127.0.0.1:$smtp_port || fail "smtp-source -s $s"
            t1=$(wait_sink $((c0 + drain_n)) 60 "smtp-source -s $s")
            [[ "$s" == 1 ]] && key=drain.src1.rate || key=drain.srcC.rate
            rec "$key" "$r" "$(calc "$drain_n / ($t1 - $t0)")"
            [[ "$connections" == 1 && "$s" == 1 ]] && rec drain.srcC.rate "$r" "$(calc "$drain_n / ($t1 - $t0)")" && break
        done
        for mode in naive reused; do
            line=$(timeout $((900 * factor)) java -cp "$mail_cp" scripts/bench/MailLoops.java "$mode" 127.0.0.1 \
                $smtp_port "$drain_n" "$size" "$connections") || fail "MailLoops $mode"
            rec "drain.$mode.rate" "$r" "$(kv rate "$line")"
        done
        src=$(awk -F'\t' -v r="$r" '$1 == "drain.srcC.rate" && $2 == r { print $3 }' "$out/rounds.tsv")
        naive=$(awk -F'\t' -v r="$r" '$1 == "drain.naive.rate" && $2 == r { print $3 }' "$out/rounds.tsv")
        rec drain.ratio.src "$r" "$(calc "$pm / $src")"; rec drain.ratio.naive "$r" "$(calc "$pm / $naive")"
        say "drain round $r: Postmaster $pm msg/s, smtp-source ($connections) $src, naive $naive"
    done
fi

if wants e2e; then
    for r in $(seq 1 "$rounds"); do
        say "end-to-end round $r: $e2e_n POST /api/tasks, $e2e_c in flight..."
        c0=$(sink_count); t0=$(now)
        line=$(client tasks "$base" "$password" assignee-0001 "$e2e_n" "$e2e_c" "$task_title_length")
        failed=$(kv failed "$line")
        t1=$(wait_sink $((c0 + e2e_n - failed)) $((120 + e2e_n / 10)) "end to end")
        rec e2e.req_rate "$r" "$(kv rate "$line")"; rec e2e.p50_ms "$r" "$(kv p50_ms "$line")"
        rec e2e.p99_ms "$r" "$(kv p99_ms "$line")"; rec e2e.failed "$r" "$failed"
        rec e2e.delivery_rate "$r" "$(calc "($e2e_n - $failed) / ($t1 - $t0)")"
        say "end-to-end round $r: $line"
    done
fi

if wants fanout; then
    for r in $(seq 1 "$rounds"); do
        c0=$(sink_count)
        line=$(client project "$base" "$password" "Fan-out $r $project_padding" "$members" 1 "$fanout_n")
        tc=$(now)
        t1=$(wait_sink $((c0 + fanout_n)) $((120 + fanout_n / 10)) "fan-out")
        rec fanout.commit_s "$r" "$(kv seconds "$line")"; rec fanout.deliver_s "$r" "$(calc "$t1 - $tc")"
        rec fanout.total_s "$r" "$(calc "$t1 - $tc + $(kv seconds "$line")")"
        say "fan-out round $r: commit $(kv seconds "$line") s, then all accepted after $(calc "$t1 - $tc") s"
    done
fi

if wants incoming; then
    # The poller must have signed in once (its maildir exists, the backlog decision is made).
    limit=$(deadline_in 60)
    until grep "imap($imap_user)" "$dovecot_dir/dovecot.log" | grep -q "Logged out"; do
        (($(date +%s) < limit)) || fail "the inbox poller has not polled 127.0.0.1:$imap_port (see $work/postmaster.log)"
        sleep 1
    done
    metrics > "$work/metrics.txt"
    for r in $(seq 1 "$rounds"); do
        say "incoming round $r: raw fetch, then the poller, $incoming_n messages each..."
        raw_user=bench-raw-$r
        imap_login "$raw_user"
        stage=$dovecot_dir/stage-raw-$r
        timeout $((600 * factor)) java -cp "$mail_cp" scripts/bench/Incoming.java place "$stage" "$incoming_n" "raw$r$$" > /dev/null
        chown -R "$(owner)" "$stage"
        find "$stage" -type f -exec mv -t "$dovecot_dir/mail/$raw_user/new/" {} +
        rmdir "$stage"
        line=$(timeout $((900 * factor)) java -cp "$mail_cp" scripts/bench/Incoming.java fetch 127.0.0.1 $imap_port \
            "$raw_user" "$imap_password" "$window") || fail "raw fetch"
        [[ "$(kv messages "$line")" == "$incoming_n" ]] || fail "raw fetch read $(kv messages "$line") of $incoming_n"
        raw=$(kv rate "$line")
        incoming_poller "$incoming_n" "$r" big
        pm=$(calc "$incoming_n / $incoming_poll")
        rec in.raw.rate "$r" "$raw"; rec in.pm.poll_s "$r" "$incoming_poll"; rec in.pm.wall_s "$r" "$incoming_wall"
        rec in.pm.rate "$r" "$pm"; rec in.ratio "$r" "$(calc "$pm / $raw")"; rec in.heap_peak_mb "$r" "$incoming_peak"
        say "incoming round $r: poller $pm msg/s (polling $incoming_poll s, wall $incoming_wall s), raw $raw msg/s"
    done
    incoming_poller "$incoming_small" 1 small
    rec in.small.heap_peak_mb 1 "$incoming_peak"
fi

if wants console; then
    say "console: signing in 50 sessions..."
    client sessions "$base" admin "$password" 50 > "$work/cookies-50"
    head -1 "$work/cookies-50" > "$work/cookies-1"
    static=$(curl -sf -m 30 "http://127.0.0.1:$http_port/login.xhtml" \
        | grep -o '/jakarta\.faces\.resource/[^"]*\.js[^"]*ln=primefaces[^"]*' | head -1 | sed 's/&amp;/\&/g')
    [[ -n "$static" ]] || fail "no PrimeFaces resource on the login page"
    for page in email outbox; do
        code=$(curl -s -o /dev/null -m 30 -w '%{http_code}' -b "JSESSIONID=$(cat "$work/cookies-1")" \
            "http://127.0.0.1:$http_port/admin/$page.xhtml")
        [[ "$code" == 200 ]] || fail "the signed-in $page page answers $code"
    done
    run_wrk() {
        BENCH_COOKIES=$1 timeout $((wrk_seconds + 60)) wrk -t2 -c"$wrk_c" -d"$3"s --timeout 10s \
            -s scripts/bench/console.lua "http://127.0.0.1:$http_port$2" | tail -1
    }
    for url in /admin/email.xhtml /admin/outbox.xhtml "$static"; do
        run_wrk "$work/cookies-1" "$url" 3 > /dev/null  # warm-up, not counted
    done
    for r in $(seq 1 "$rounds"); do
        for spec in "email1 /admin/email.xhtml 1" "email50 /admin/email.xhtml 50" "outbox1 /admin/outbox.xhtml 1" \
                "outbox50 /admin/outbox.xhtml 50" "static $static 1"; do
            read -r name url sessions <<< "$spec"
            line=$(run_wrk "$work/cookies-$sessions" "$url" "$wrk_seconds")
            [[ "$line" == requests=* ]] || fail "wrk on $url printed no result"
            rec "wrk.$name.rate" "$r" "$(kv rate "$line")"; rec "wrk.$name.p50_ms" "$r" "$(kv p50_ms "$line")"
            rec "wrk.$name.p99_ms" "$r" "$(kv p99_ms "$line")"
            rec "wrk.$name.bad" "$r" "$(( $(kv non200 "$line") + $(kv errors "$line") + $(kv timeouts "$line") ))"
            say "console round $r, $name: $line"
        done
    done
fi

if [[ -n "${app_pid:-}" ]]; then
    grep -c ' SEVERE ' "$work/postmaster.log" > /dev/null && \
        meta notes "The application logged $(grep -c 'SEVERE' "$work/postmaster.log") SEVERE line(s) during the run ($work/postmaster.log)."
fi
java scripts/bench/Report.java "$out"
say "Wrote $out/results.md and $out/results.json (logs in $work)."
