#!/usr/bin/env bash
# Publishes the imagegate CLI as a Native AOT binary (linux-x64, or $RID) to artifacts/publish/imagegate.
# Fails on any trim or AOT warning (IL2xxx / IL3xxx): AOT is checked, not hoped for.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/artifacts/publish"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
mkdir -p "$out"
# RID selects the target (linux-x64 by default, the only one built and tested here).
rid=${RID:-linux-x64}
dotnet publish "$root/src/ImageGate.Cli/ImageGate.Cli.csproj" -c Release -r "$rid" \
  -p:PublishAot=true -o "$out" -nologo 2>&1 | tee "$log"
if grep -Eq 'warning IL[23][0-9]{3}' "$log"; then
  echo "publish-aot: trim/AOT warnings found (see above)" >&2
  exit 1
fi
rm -f "$out"/*.dbg
size=$(stat -c %s "$out/imagegate")
echo "publish-aot: $out/imagegate ($((size / 1024)) KiB)"
