#!/usr/bin/env bash
# A real IMAP server for the integration tests: an unprivileged Dovecot on loopback, plain IMAP (no TLS), with its
# own config, base_dir and port (a system Dovecot, if any, does not matter).
#
#   scripts/dovecot.sh start   start it with an empty mail store (stops ours first if it runs); installs
#                              dovecot-imapd with apt-get when missing
#   scripts/dovecot.sh stop    stop it by its own PID and wait until it is gone; does nothing when it is not running
#   scripts/dovecot.sh status  say whether it runs (exit status 3 when not), its port and its directory
#
# Environment (all optional):
#   POSTMASTER_DOVECOT_PORT      IMAP port on 127.0.0.1 (10143)
#   POSTMASTER_DOVECOT_PASSWORD  the password of every user (Dovecot-Pa55)
#   POSTMASTER_DOVECOT_DIR       config, log and mail store (${TMPDIR:-/tmp}/postmaster-dovecot)
#
# ANY username signs in with that password. The username is used exactly as typed (case and "@domain" kept; only
# letters, digits and . - _ @ are accepted), and its INBOX is a maildir that its first login creates:
#   $POSTMASTER_DOVECOT_DIR/mail/<username>/{cur,new,tmp}
#   e.g. mail/box-1a2b3c4d/new/ and mail/inbox-x@postmaster.test/new/
# To fill a mailbox fast: log in once (LOGIN + LOGOUT), then write message files into tmp/ and rename them into
# new/, named <epochsec>.M<n>P<pid>.postmaster,S=<size>. They show as unseen at the next SELECT or NOOP.
# Owners: run as root, Dovecot runs as nobody:nogroup and the mail store is theirs; run as another user, it runs as
# that user. Give dropped files the owner of the maildir's new/ directory (chown, when root). Files Dovecot
# cannot read still count in SELECT and SEARCH, but FETCH fails on them.
# Log: $POSTMASTER_DOVECOT_DIR/dovecot.log. doveadm needs our config: doveadm -c $POSTMASTER_DOVECOT_DIR/dovecot.conf
set -euo pipefail
cd "$(dirname "$0")/.."
PATH=$PATH:/usr/sbin:/sbin

port=${POSTMASTER_DOVECOT_PORT:-10143}
password=${POSTMASTER_DOVECOT_PASSWORD:-Dovecot-Pa55}
dir=$(realpath -m "${POSTMASTER_DOVECOT_DIR:-${TMPDIR:-/tmp}/postmaster-dovecot}")
conf=$dir/dovecot.conf
log=$dir/dovecot.log
pidfile=$dir/run/master.pid
marker=$dir/.postmaster-dovecot

if [[ "$(id -u)" -eq 0 ]]; then
    user=nobody group=nogroup
    as_user=(setpriv --reuid=nobody --regid=nogroup --init-groups)
else
    user=$(id -un) group=$(id -gn)
    as_user=()
fi

# The PID of our master process, from its pid file, if that process is alive and is Dovecot.
running_pid() {
    local pid
    pid=$(cat "$pidfile" 2>/dev/null) || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" && [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == dovecot ]] || return 1
    echo "$pid"
}
alive() { [[ -r "/proc/$1/stat" && "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" != Z ]]; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
imap_greeting() (
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
    read -r -t 2 line <&3 || exit 1
    printf 'a1 LOGOUT\r\n' >&3
    [[ "$line" == "* OK"* ]]
) 2>/dev/null

stop() {
    local pid
    if ! pid=$(running_pid); then
        echo "Dovecot ($dir) is not running."
        return 0
    fi
    # The master daemonized into a session of its own: its children are the processes of that session.
    kill "$pid"
    for _ in $(seq 1 100); do
        [[ -n "$(session_processes "$pid")" ]] || break
        sleep 0.1
    done
    local p
    for p in $(session_processes "$pid"); do kill -9 "$p" 2>/dev/null || true; done
    for _ in $(seq 1 50); do port_in_use "$port" || break; sleep 0.1; done
    rm -f "$pidfile"
    echo "Stopped Dovecot (PID $pid)."
}
# Live (not zombie) processes of the session led by $1, the master included.
session_processes() { ps -o pid=,stat= -s "$1" 2>/dev/null | awk '$2 !~ /^Z/ { print $1 }' || true; }

status() {
    local pid
    if pid=$(running_pid); then
        echo "Dovecot runs (PID $pid) on 127.0.0.1:$port, directory $dir."
    else
        echo "Dovecot is not running (port $port, directory $dir)."
        return 3
    fi
}

install_if_missing() {
    if command -v dovecot >/dev/null 2>&1 && [[ -x /usr/lib/dovecot/imap ]]; then return 0; fi
    echo "Installing dovecot-imapd..."
    local sudo=""
    [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    # The package may start no system Dovecot here (policy-rc.d); if it does, that one does not disturb ours.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq dovecot-imapd > /dev/null
}

write_config() {
    cat > "$conf" <<CONF
# Written by scripts/dovecot.sh on every start; changes here are lost.
protocols = imap
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
log_path = $log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# The whole username as typed (the default %Lu would lower-case it), so the maildir name is predictable.
auth_username_format = %u
auth_failure_delay = 0
default_internal_user = $user
default_internal_group = $group
default_login_user = $user
first_valid_uid = $(id -u "$user")
first_valid_gid = $(getent group "$group" | cut -d: -f3)
mail_location = maildir:$dir/mail/%u
mail_fsync = never
mail_max_userip_connections = 200
namespace inbox {
  inbox = yes
}
passdb {
  driver = static
  args = password=${password//%/%%}
}
userdb {
  driver = static
  args = uid=$user gid=$group home=$dir/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
  # mode 0 drops this socket, which turns off auth's penalty: else failed logins from one IP each wait 4.5 s.
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service auth-worker {
  user = $user
}
# Dovecot makes a maildir only when a mailbox is first opened; this creates it at login already.
service imap {
  executable = imap postlogin
}
service postlogin {
  executable = script-login $dir/postlogin.sh
  user = $user
  unix_listener postlogin {
  }
}
CONF
    cat > "$dir/postlogin.sh" <<'SCRIPT'
#!/bin/sh
# Runs at each IMAP login (see dovecot.conf): creates the user's maildir, then goes on to imap.
mkdir -p -m 700 "$HOME" "$HOME/cur" "$HOME/new" "$HOME/tmp"
exec "$@"
SCRIPT
    chmod 755 "$dir/postlogin.sh"
}

start() {
    if [[ ! "$password" =~ ^[A-Za-z0-9._:,+=@!%-]+$ ]]; then
        echo "POSTMASTER_DOVECOT_PASSWORD may hold only letters, digits and . _ : , + = @ ! % -" >&2
        exit 2
    fi
    if [[ "$dir" =~ [[:space:]%\"\'] || ${#dir} -gt 70 ]]; then
        # Dovecot's sockets live in $dir/run; Unix socket paths have a limit of 107 bytes.
        echo "POSTMASTER_DOVECOT_DIR must be at most 70 characters, without spaces, quotes or %: $dir" >&2
        exit 2
    fi
    # Only ever wipe a directory that this script made.
    if [[ -d "$dir" && ! -e "$marker" && -n "$(ls -A "$dir")" ]]; then
        echo "$dir exists and was not made by scripts/dovecot.sh; set POSTMASTER_DOVECOT_DIR to another one." >&2
        exit 1
    fi
    install_if_missing
    if running_pid > /dev/null; then stop; fi
    if port_in_use "$port"; then
        echo "Port $port is already in use. Stop what runs there, or set POSTMASTER_DOVECOT_PORT." >&2
        exit 1
    fi
    mkdir -p "$dir"
    touch "$marker"
    rm -rf "$dir/mail" "$dir/state" "$dir/run"
    mkdir -p "$dir/mail" "$dir/state" "$dir/run"
    : > "$log"
    write_config
    if [[ "$(id -u)" -eq 0 ]]; then chown -R "$user:$group" "$dir"; fi
    if ! "${as_user[@]}" test -w "$dir/mail" -a -x "$dir/mail"; then
        echo "$user cannot write to $dir/mail (is a parent directory closed to it?); set POSTMASTER_DOVECOT_DIR." >&2
        exit 1
    fi

    # Its own output goes to the log; never hold the caller's stdout open (Maven waits for it to close).
    if ! "${as_user[@]}" dovecot -c "$conf" < /dev/null >> "$log" 2>&1; then
        echo "Dovecot did not start (config $conf). The end of $log:" >&2
        tail -n 20 "$log" >&2 || true
        exit 1
    fi
    local ok=false
    for i in $(seq 1 300); do
        if imap_greeting; then ok=true; break; fi
        # Give up early when the master is gone; the reason is in the log.
        if (( i >= 10 )) && ! running_pid > /dev/null; then break; fi
        sleep 0.1
    done
    if ! $ok; then
        echo "Dovecot did not answer on 127.0.0.1:$port (waited up to 30 s). The end of $log:" >&2
        tail -n 20 "$log" >&2 || true
        stop > /dev/null || true
        exit 1
    fi
    local pid
    pid=$(running_pid)
    cat <<MSG
Dovecot $(dovecot --version | cut -d' ' -f1) (PID $pid) serves plain IMAP (no TLS) on 127.0.0.1:$port.
  Any username signs in with password "$password"; its mailbox is created at its first login.
  Maildir: $dir/mail/<username>/{cur,new,tmp}, the username exactly as typed (e.g. mail/inbox-x@postmaster.test/)
  Runs as $user:$group; files dropped into a maildir must be readable by it (best: chown $user:$group).
  Config $conf, log $log. Stop it with: scripts/dovecot.sh stop
MSG
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) echo "Usage: scripts/dovecot.sh start|stop|status (try --help)" >&2; exit 2 ;;
esac
