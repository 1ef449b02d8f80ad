#!/usr/bin/env bash
# Publishes the imagegate CLI as a Native AOT binary: linux-x64 (the default) to artifacts/publish/imagegate,
# another $RID to artifacts/publish/$RID/imagegate (RID=linux-arm64 cross-compiles on an x64 host).
# Fails on any trim or AOT warning (IL2xxx / IL3xxx): AOT is checked, not hoped for.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rid=${RID:-linux-x64}
# x64 keeps the path every script and test already uses; other targets get their own folder, so that building
# one never replaces the other.
if [ "$rid" = linux-x64 ]; then out="$root/artifacts/publish"; else out="$root/artifacts/publish/$rid"; fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
mkdir -p "$out"

# newest NAME: the highest-versioned NAME-N in PATH (Debian installs clang-14, clang-16 side by side and the
# unversioned name only with the default-version package), or NAME itself when it is there.
newest() {
  if command -v "$1" >/dev/null; then echo "$1"; return; fi
  compgen -c "$1-" | grep -E "^$1-[0-9]+$" | sort -u -t- -k2 -n | tail -n 1 || true
}

cross=()
host=$(uname -m)
case "$rid" in linux-x64) arch=x86_64 ;; linux-arm64) arch=aarch64 ;; *) arch=$host ;; esac
if [ "$arch" != "$host" ]; then
  # Cross-compiling (linux-arm64 on x64, or linux-x64 on an arm64 builder): ILC emits the target's object itself;
  # only the link needs a target toolchain. clang is the driver (the ILCompiler targets pass
  # --target=$arch-linux-gnu, which gcc does not accept); it finds Debian's and Ubuntu's cross libc and libgcc
  # (libc6-dev-arm64-cross, gcc-aarch64-linux-gnu; the -amd64-/x86-64- ones the other way) by that triple, without
  # a --sysroot. lld links, because the csproj's -z pack-relative-relocs needs lld >= 15 or GNU ld >= 2.41 on
  # aarch64 (Debian 12's aarch64 ld 2.40 ignores it and the binary would carry ~7 MB of RELA relocations instead).
  cc=${CROSS_CC:-$(newest clang)}
  [ -n "$cc" ] || { echo "publish-aot: no clang for the $rid link (scripts/install-test-deps.sh installs it)" >&2; exit 1; }
  if ! command -v ld.lld >/dev/null; then
    # Debian's versioned lld packages put ld.lld in /usr/lib/llvm-N/bin only; clang looks it up in PATH.
    lld_dir=$(ls -d /usr/lib/llvm-*/bin/ld.lld 2>/dev/null | sort -t- -k2 -n | tail -n 1 || true)
    lld_dir=${lld_dir%/ld.lld}
    [ -n "$lld_dir" ] || { echo "publish-aot: no ld.lld for the $rid link (scripts/install-test-deps.sh installs it)" >&2; exit 1; }
    export PATH="$lld_dir:$PATH"
  fi
  # The host objcopy may not read the target's ELF; the cross binutils' one strips the debug info into the .dbg.
  cross=(-p:CppCompilerAndLinker="$cc" -p:LinkerFlavor=lld -p:ObjCopyName="$arch-linux-gnu-objcopy")
  echo "publish-aot: $rid on $host: linking with $cc and $(ld.lld --version | head -n 1)"
fi

dotnet publish "$root/src/ImageGate.Cli/ImageGate.Cli.csproj" -c Release -r "$rid" \
  -p:PublishAot=true "${cross[@]}" -o "$out" -nologo 2>&1 | tee "$log"
if grep -Eq 'warning IL[23][0-9]{3}' "$log"; then
  echo "publish-aot: trim/AOT warnings found (see above)" >&2
  exit 1
fi
rm -f "$out"/*.dbg
size=$(stat -c %s "$out/imagegate")
echo "publish-aot: $out/imagegate ($((size / 1024)) KiB)"
