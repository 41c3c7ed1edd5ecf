#!/usr/bin/env bash
# A local mail sandbox for demos: GreenMail (from Maven Central) on loopback.
#   SMTP 127.0.0.1:3025, IMAP 127.0.0.1:3143, REST API http://127.0.0.1:3080/
#   demo mailbox: login "demo", password "demo", address demo@postmaster.test
# Every address is accepted and gets a mailbox of its own (login = the address, password = the address).
#
#   scripts/sandbox.sh           run it in the foreground (Ctrl-C stops it)
#   scripts/sandbox.sh inbox [ADDRESS]
#                                list the mail GreenMail holds for ADDRESS (default demo@postmaster.test)
#   scripts/sandbox.sh reply ADDRESS [TEXT]
#                                answer, as ADDRESS, the newest notification in ADDRESS's mailbox, the way a
#                                mail client does (In-Reply-To, References, the original quoted below). The reply
#                                goes to the notification's Reply-To: with the sandbox's seeded settings, the demo
#                                mailbox that Postmaster reads, so it shows in Admin Settings > Inbound log and as
#                                a comment on the task within a minute (or at once with Poll now).
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

if [[ "${1:-}" == "reply" ]]; then
    address=${2:?"Usage: scripts/sandbox.sh reply ADDRESS [TEXT]"}
    text=${3:-"Thanks, I am on it."}
    curl -fsS "$API/api/user/$address/messages/INBOX" \
        | ADDRESS="$address" TEXT="$text" python3 -c 'import email, email.policy, email.utils, json, os, smtplib, sys
from email.message import EmailMessage
mails = [email.message_from_string(m["mimeMessage"], policy=email.policy.default) for m in json.load(sys.stdin)]
mails = [m for m in mails if m["Auto-Submitted"]]
if not mails:
    sys.exit("No notification in the mailbox of " + os.environ["ADDRESS"] + " yet")
original = mails[-1]
body = original.get_body(("plain",))
quoted = "\n".join("> " + line for line in (body.get_content() if body else "").splitlines())
reply = EmailMessage()
reply["From"] = os.environ["ADDRESS"]
reply["To"] = original["Reply-To"] or original["From"]
reply["Subject"] = "Re: " + original["Subject"]
reply["Message-ID"] = email.utils.make_msgid(domain="sandbox.test")
reply["Date"] = email.utils.formatdate()
reply["In-Reply-To"] = original["Message-ID"]
reply["References"] = original["Message-ID"]
reply.set_content(os.environ["TEXT"] + "\n\nOn " + original["Date"] + ", " + original["From"] + " wrote:\n" + quoted + "\n")
with smtplib.SMTP("127.0.0.1", 3025) as smtp:
    smtp.send_message(reply)
print("Replied to \"%s\" as %s; the reply went to %s." % (original["Subject"], reply["From"], reply["To"]))' \
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
