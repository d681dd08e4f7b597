#!/usr/bin/env bash
# Startup of each build kind, median wall time of N runs (default 11) in milliseconds, as a Markdown table:
# 'memfs --version', 'memfs ps' on the demo image, and mount -> first 'ls' of /processes (then unmount).
# Builds the framework-dependent memfs.dll (dotnet build) and a ReadyToRun publish itself; takes the self-contained and
# NativeAOT binaries from build.sh's OUTDIR.
# usage: bash packaging/startup.sh OUTDIR [N]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(cd "$1" && pwd) runs=${2:-11}
version=$(dotnet msbuild src/Mount/MemFs.Mount.csproj -getProperty:Version)
work=$(mktemp -d)
trap 'mountpoint -q "$work/mnt" && fusermount3 -u "$work/mnt"; rm -rf "$work"' EXIT
mkdir -p "$work/mnt"
dotnet build src/Mount -c Release -v q -nologo >/dev/null
dotnet publish src/Mount/MemFs.Mount.csproj -c Release -v q -nologo -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$work/r2r" >/dev/null
dotnet run --project tools/DemoImage -c Release -- "$work/demo.aff4" >/dev/null
image="$work/demo.aff4"

median_ms() { # command...: median of $runs wall times
  local times=() i start
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N); "$@" >/dev/null 2>&1; times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}
mount_ls() { "$@" mount "$image" "$work/mnt" && ls "$work/mnt/processes" >/dev/null; local s=$?; fusermount3 -u "$work/mnt"; return $s; }

echo "| build | size | \`memfs --version\` | \`memfs ps demo.aff4\` | mount → first \`ls\` |"
echo "| --- | --- | --- | --- | --- |"
row() {
  local name=$1 size=$2; shift 2
  echo "| $name | $size | $(median_ms "$@" --version) ms | $(median_ms "$@" ps "$image") ms | $(median_ms mount_ls "$@") ms |"
}
dir_mib() { du -sm --exclude=linux-x64 --exclude=win-x64 "$1" | cut -f1; }
row "framework-dependent (\`dotnet memfs.dll\`)" "$(dir_mib src/Mount/bin/Release/net10.0) MiB + runtime" dotnet src/Mount/bin/Release/net10.0/memfs.dll
row "ReadyToRun, framework-dependent" "$(dir_mib "$work/r2r") MiB + runtime" dotnet "$work/r2r/memfs.dll"
row "self-contained single file" "$(dir_mib "$out/memfs-$version-linux-x64") MiB" "$out/memfs-$version-linux-x64"
row "NativeAOT" "$(dir_mib "$out/memfs-$version-linux-x64-aot") MiB" "$out/memfs-$version-linux-x64-aot"
