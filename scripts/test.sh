#!/usr/bin/env bash
# Runs every test: installs what the tests need, restores, builds, runs all test projects,
# then prints one closing line "N passed, N failed".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/install-test-deps.sh"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Build first, one project at a time: the CLI is built both as a solution member and as a test's
# project reference, and two concurrent builds of it would share one obj folder.
dotnet build tests/ImageGate.slnx -c Release -m:1 -nologo -clp:ErrorsOnly
set +e
dotnet test --solution tests/ImageGate.slnx -c Release --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
sum() { grep -E "^\s+$1: [0-9]+" "$log" | awk '{s += $2} END {print s + 0}'; }
passed=$(sum succeeded); failed=$(sum failed); skipped=$(sum skipped)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
