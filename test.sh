#!/usr/bin/env bash
# Runs every test of Optimize on a fresh machine with the .NET SDK and Node.js:
#   1. installs Azurite (pinned in package.json / package-lock.json) with npm ci,
#   2. starts it on loopback with a temporary folder,
#   3. builds every project in Optimize.Offline.slnf (the Function App included) and runs their tests,
#   4. stops Azurite, and prints one summary line.
# Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

need() { command -v "$1" >/dev/null 2>&1 || { echo "test.sh: '$1' is required: $2" >&2; exit 2; }; }
need dotnet "install the .NET 10 SDK (https://dot.net)"
need node "install Node.js 20+ (it runs Azurite, the Table Storage emulator the journal tests use)"
need npm "install npm (it comes with Node.js)"

echo "==> npm ci (Azurite)"
npm ci --no-audit --no-fund --loglevel=error

echo "==> starting Azurite (tables)"
out=$(scripts/azurite.sh start) || { echo "test.sh: Azurite did not start (see above)" >&2; exit 1; }
eval "$out"
trap 'scripts/azurite.sh stop >/dev/null 2>&1 || true' EXIT
export OPTIMIZE_REQUIRE_AZURITE=1

echo "==> dotnet test"
log=$(mktemp)
set +e
dotnet test Optimize.Offline.slnf --nologo "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e

# One closing line for CI, summed over the test projects' own summaries.
summary=$(awk '/(Passed|Failed)!  *- Failed: /{
        for (i = 1; i <= NF; i++) { g = $i; gsub(",", "", g);
          if ($(i-1) == "Failed:") f += g; if ($(i-1) == "Passed:") p += g; if ($(i-1) == "Skipped:") s += g } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log")
echo "$summary"
# A run that passed nothing (a killed or crashed test host prints no summary) is not a green run.
if [[ "$rc" -eq 0 && "$summary" == "tests: 0 passed"* ]]; then
  echo "test.sh: no test reported a result; treating the run as failed" >&2
  rc=1
fi
rm -f "$log"
exit "$rc"
