#!/usr/bin/env bash
# Runs every test project. Works on a fresh Debian machine that has only the .NET SDK:
# it installs Debian's Chromium for the browser tests if it is missing and restores the local
# dotnet tools, then builds and tests the whole solution.
# Ends with one line: "N passed, N failed" (totals over all test projects).
set -uo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Chromium (Debian package) for the browser tests..."
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null \
        || { echo "Could not install chromium with apt-get; browser tests need /usr/bin/chromium." >&2; exit 1; }
fi

dotnet tool restore >/dev/null || exit 1
dotnet build SmsContacts.sln -c Debug -nologo -clp:ErrorsOnly || exit 1

results="${TEST_RESULTS_DIR:-$(pwd)/artifacts/test-results}"
rm -rf "$results" && mkdir -p "$results"
status=0
for project in $(find tests -name '*.csproj' | sort); do
    grep -q '<IsTestProject>true</IsTestProject>' "$project" || continue
    name=$(basename "$project" .csproj)
    dotnet test "$project" --no-build -c Debug --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

# Totals from every project's TRX file: <Counters total=".." passed=".." failed=".." ...>
passed=0
failed=0
for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
    f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # A project that crashed before reporting still fails the run.
    failed=1
fi
echo "$passed passed, $failed failed" | tee "$results/summary.txt"
exit $status
