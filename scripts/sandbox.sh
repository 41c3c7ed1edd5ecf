#!/usr/bin/env bash
# A local mail sandbox for demos: GreenMail (from Maven Central) on loopback.
#   SMTP 127.0.0.1:3025, IMAP 127.0.0.1:3143, REST API http://127.0.0.1:3080/
#   demo mailbox: login "demo", password "demo", address demo@postmaster.test
# Every address is accepted and gets a mailbox of its own (login = the address, password = the address).
#
#   scripts/sandbox.sh           run it in the foreground (Ctrl-C stops it)
#   scripts/sandbox.sh inbox [ADDRESS]
#                                list the mail GreenMail holds for ADDRESS (default demo@postmaster.test)
set -euo pipefail
cd "$(dirname "$0")/.."

API=http://127.0.0.1:3080

if [[ "${1:-}" == "inbox" ]]; then
    address=${2:-demo@postmaster.test}
    curl -fsS "$API/api/user/$address/messages/INBOX" \
        | python3 -c 'import email, json, sys
for m in json.load(sys.stdin):
    msg = email.message_from_string(m["mimeMessage"])
    print("%s\n  From: %s\n  Subject: %s" % (msg["Message-ID"], msg["From"], msg["Subject"]))' \
        || { echo "No sandbox answers at $API (is scripts/run.sh running?)" >&2; exit 1; }
    exit 0
fi

jar=target/runtime/greenmail-standalone.jar
if [[ ! -f "$jar" ]]; then
    mvn -B -q -DskipTests process-test-classes
fi
exec java -Dgreenmail.setup.test.smtp -Dgreenmail.setup.test.imap \
    -Dgreenmail.hostname=127.0.0.1 \
    -Dgreenmail.users=demo:demo@postmaster.test \
    -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port=3080 \
    -jar "$jar"
