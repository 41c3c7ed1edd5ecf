# Sourced by scripts/run.sh and scripts/cluster.sh: the first-start Email settings for the mail sandbox
# (GreenMail: SMTP 3025, IMAP 3143), each only when not set already. They seed the Email settings when none are
# saved; after that the Email page rules. $1: the application URL used in notification links.
sandbox_seed() {
    export POSTMASTER_SMTP_HOST=${POSTMASTER_SMTP_HOST:-127.0.0.1}
    export POSTMASTER_SMTP_PORT=${POSTMASTER_SMTP_PORT:-3025}
    export POSTMASTER_REPLY_TO=${POSTMASTER_REPLY_TO:-postmaster@postmaster.test}
    export POSTMASTER_IMAP_HOST=${POSTMASTER_IMAP_HOST:-127.0.0.1}
    export POSTMASTER_IMAP_PORT=${POSTMASTER_IMAP_PORT:-3143}
    export POSTMASTER_IMAP_USERNAME=${POSTMASTER_IMAP_USERNAME:-demo}
    export POSTMASTER_IMAP_PASSWORD=${POSTMASTER_IMAP_PASSWORD:-demo}
    export POSTMASTER_IMAP_ADDRESS=${POSTMASTER_IMAP_ADDRESS:-demo@postmaster.test}
    export POSTMASTER_REPLIES_TO_INCOMING=${POSTMASTER_REPLIES_TO_INCOMING:-true}
    export POSTMASTER_APPLICATION_URL=${POSTMASTER_APPLICATION_URL:-$1}
    export POSTMASTER_ADMIN_EMAIL=${POSTMASTER_ADMIN_EMAIL:-admin@postmaster.test}
}

# Whether something listens on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Refuses to start the sandbox when one of its ports is taken.
sandbox_ports_free() {
    for p in 3025 3143 3080; do
        if port_in_use "$p"; then
            echo "Port $p (mail sandbox) is in use. Stop what runs there, or use --no-sandbox." >&2
            return 1
        fi
    done
}
