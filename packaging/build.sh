#!/usr/bin/env bash
# Builds every memfs artefact into OUTDIR (default artifacts/): the linux-x64 NativeAOT and self-contained single-file
# binaries, memfs_<version>_amd64.deb (with the NativeAOT binary unless MEMFS_DEB_BUILD=self-contained), the dotnet
# tool package, the win-x64 zip, and SHA256SUMS. Each step prints its wall time.
# usage: bash packaging/build.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out=$(mkdir -p "${1:-artifacts}" && cd "${1:-artifacts}" && pwd)
stage="$out/stage"
rm -rf "$stage" && mkdir -p "$stage"
version=$(dotnet msbuild src/Mount/MemFs.Mount.csproj -getProperty:Version)
publish=(dotnet publish src/Mount/MemFs.Mount.csproj -c Release -v q -nologo)

step() {
  local name=$1; shift
  local start=$SECONDS
  "$@"
  echo "build: $name done in $((SECONDS - start)) s" >&2
}

notices() {
  dotnet restore src/Mount/MemFs.Mount.csproj -v q -nologo
  bash packaging/check-notices.sh src/Mount/obj/project.assets.json packaging/THIRD-PARTY-NOTICES.md
}
aot() { "${publish[@]}" -r linux-x64 -p:PublishAot=true -o "$stage/linux-x64-aot"; }
self_contained() {
  "${publish[@]}" -r linux-x64 --self-contained -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
    -o "$stage/linux-x64-sc"
}
windows() {
  "${publish[@]}" -r win-x64 --self-contained -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
    -o "$stage/win-x64"
  bash packaging/windows/check-pe.sh "$stage/win-x64/memfs.exe"
  local zipdir="$stage/memfs-$version-win-x64"
  mkdir -p "$zipdir"
  cp "$stage/win-x64/memfs.exe" packaging/THIRD-PARTY-NOTICES.md "$zipdir/"
  sed "s/@VERSION@/$version/" packaging/windows/README.txt > "$zipdir/README.txt"
  (cd "$stage" && python3 -m zipfile -c "$out/memfs-$version-win-x64.zip" "memfs-$version-win-x64")
}
tool() { dotnet pack src/Mount/MemFs.Mount.csproj -c Release -v q -nologo -o "$out"; }
manpage() {
  dotnet run --project tools/ManPage -c Release -v q -- "$stage/memfs.1"
  cp "$stage/memfs.1" "$out/memfs.1"
}
deb() {
  local binary="$stage/linux-x64-aot/memfs"
  [ "${MEMFS_DEB_BUILD:-aot}" = self-contained ] && binary="$stage/linux-x64-sc/memfs"
  bash packaging/deb/build-deb.sh "$version" "$binary" "$stage/memfs.1" "$out"
}

rm -f "$out"/memfs_*.deb "$out"/memfs.*.nupkg "$out"/memfs-*-win-x64.zip "$out"/memfs-*-linux-x64* "$out/SHA256SUMS"
step "notices cover every package" notices
step "man page" manpage
step "linux-x64 NativeAOT" aot
cp "$stage/linux-x64-aot/memfs" "$out/memfs-$version-linux-x64-aot"
step "linux-x64 self-contained single file" self_contained
cp "$stage/linux-x64-sc/memfs" "$out/memfs-$version-linux-x64"
step ".deb" deb
step "dotnet tool package" tool
step "win-x64 zip" windows
(cd "$out" && sha256sum memfs_*.deb memfs.*.nupkg memfs-*-win-x64.zip memfs-*-linux-x64* memfs.1 > SHA256SUMS)
ls -l "$out" | grep -v ' stage$' >&2
