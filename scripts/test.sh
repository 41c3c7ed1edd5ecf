#!/usr/bin/env bash
# Runs every test: unit tests, Arquillian integration tests on Payara Micro, browser tests in headless Chromium,
# (profile "dovecot") the inbox poller against a real Dovecot IMAP server, and (profile "reliability") the fault
# tests, which start the packaged application themselves, kill it with kill -9, stop its SMTP and IMAP servers
# and cut its database, and count every mail that went in and came out; then (profile "postgresql") the
# Arquillian suite and the migrations once more on PostgreSQL, and (profile "cluster") two nodes on one PostgreSQL
# database with a thousand incoming messages, ten thousand notifications and a kill -9. Installs what a fresh Debian machine lacks for them
# with apt-get: Chromium and chromedriver here, dovecot-imapd in scripts/dovecot.sh, postgresql in
# scripts/postgres.sh. Extra arguments go to Maven (both runs). One integration test alone, without the Dovecot run:
#   mvn verify -Dit.test=MailSettingsIT
# The suite on PostgreSQL alone (builds first):
#   mvn verify -Ppostgresql
# The cluster test alone (after mvn package):
#   mvn -Ppostgresql,cluster exec:exec@postgres-start failsafe:integration-test@cluster exec:exec@postgres-stop \
#       failsafe:verify@cluster
# The fault tests alone (after mvn package):
#   mvn -Preliability failsafe:integration-test@reliability failsafe:verify@reliability
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    echo "Installing Chromium and chromedriver for the browser tests..."
    sudo=""
    [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver > /dev/null
fi

# Arquillian leaves a copy of the deployment in the temp folder per test class and run; drop old ones.
find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'arquillian-payara-micro*' -mmin +120 -exec rm -rf {} + 2>/dev/null || true

start=$(date +%s)
# The browser tests (the two *BrowserIT classes, about 3 minutes each run) run once, in the suite on PostgreSQL
# below, to keep CI well inside its 30 minutes; mvn verify alone runs them on H2.
mvn -B clean verify -Pdovecot -Preliability '-Dit.h2.exclude=**/*BrowserIT.java' "$@"
# The same integration suite on PostgreSQL, and the cluster test (two nodes on one PostgreSQL database), on what the
# build above made: the profiles' own steps in their
# lifecycle order (start the database, the tests, stop it, the verdict), without compiling or packaging again.
# The integration-test goal records failures and verify reports them, so the database is stopped either way; the
# trap covers a Maven that dies in between.
trap 'scripts/postgres.sh stop > /dev/null 2>&1 || true' EXIT
pg_start=$(date +%s)
mvn -B -Ppostgresql,cluster exec:exec@postgres-start failsafe:integration-test@default \
    failsafe:integration-test@cluster exec:exec@postgres-stop failsafe:verify@default failsafe:verify@cluster "$@"
pg_time=$(( $(date +%s) - pg_start ))
# No secret in any test log, no stack trace from bad input (see the script).
scripts/check-logs.sh
echo "scripts/test.sh: all tests passed in $(( $(date +%s) - start )) s (of which $pg_time s on PostgreSQL and the cluster)"
