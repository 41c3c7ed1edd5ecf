#!/usr/bin/env bash
# Reads the logs of a whole test run (the output files surefire and failsafe write per test class, which hold the
# log of every Payara Micro the integration tests booted) and fails when:
#   - a secret is in them: every password the tests use contains "Pa55" (so one marker finds them all), and a
#     sealed value reads v1: or v2: followed by its base64;
#   - the bad-input catalogue (BadInputIT) put a stack trace in the log: a person's bad input is answered, never
#     logged as a fault.
# Usage: scripts/check-logs.sh DIR...
#   (default: target/surefire-reports target/failsafe-reports target/failsafe-reports-postgresql)
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=("$@")
[[ ${#dirs[@]} -gt 0 ]] || dirs=(target/surefire-reports target/failsafe-reports target/failsafe-reports-postgresql)

files=()
for dir in "${dirs[@]}"; do
    [[ -d "$dir" ]] || continue
    while IFS= read -r -d '' file; do files+=("$file"); done < <(find "$dir" -name '*-output.txt' -print0)
done
if [[ ${#files[@]} -eq 0 ]]; then
    echo "check-logs: no test output files in ${dirs[*]}" >&2
    exit 1
fi

failed=0
# Lines that name a secret, with the secret itself masked in what is printed.
if grep -n -E 'Pa55|\bv[12]:[A-Za-z0-9+/=]{24,}' "${files[@]}" > /tmp/check-logs.$$ 2>/dev/null; then
    echo "check-logs: secrets in the test logs:" >&2
    sed -E 's/[A-Za-z0-9-]*Pa55[A-Za-z0-9-]*/<password>/g; s/\bv([12]):[A-Za-z0-9+\/=]{24,}/v\1:<sealed>/g' \
        /tmp/check-logs.$$ | head -20 >&2
    failed=1
fi
rm -f /tmp/check-logs.$$

for file in "${files[@]}"; do
    if [[ "$file" == *BadInputIT-output.txt ]] && grep -q -P '^\tat ' "$file"; then
        echo "check-logs: the bad-input catalogue left stack traces in the log ($file):" >&2
        grep -n -P -B3 '^\tat ' "$file" | grep -v -P '^\d+-\tat ' | head -10 >&2
        failed=1
    fi
done
if ! ls "${files[@]}" | grep -q 'BadInputIT-output.txt'; then
    echo "check-logs: no log of BadInputIT among the test outputs" >&2
    failed=1
fi

[[ $failed -eq 0 ]] && echo "check-logs: ${#files[@]} test logs read: no secret, no stack trace from bad input"
exit $failed
