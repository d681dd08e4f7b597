#!/usr/bin/env bash
# Builds the deterministic demo memory image, mounts it read-only at /tmp/memfs (or $1) and shows the tree.
# The mount stays until 'fusermount3 -u /tmp/memfs'. Installs fuse3 (libfuse3, fusermount3) when it is missing.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mountpoint=${1:-/tmp/memfs}
image=/tmp/memfs-demo.aff4

if ! command -v fusermount3 >/dev/null 2>&1; then
  echo "demo: installing fuse3 (libfuse3 and fusermount3)" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq fuse3 >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq fuse3 >/dev/null; fi
fi

dotnet build src/Mount -c Release -v q -nologo >/dev/null
dotnet run --project tools/DemoImage -c Release -- "$image"
mkdir -p "$mountpoint"
mountpoint -q "$mountpoint" && fusermount3 -u "$mountpoint"
dotnet src/Mount/bin/Release/net10.0/memfs.dll mount "$image" "$mountpoint"
( set -x; ls "$mountpoint" "$mountpoint/processes" "$mountpoint/processes/6724-notepad.exe"; head -n 12 "$mountpoint/processes/6724-notepad.exe/vadmap.txt" )
echo "demo: more:  grep -r 'MemFs demo' $mountpoint/processes/*/regions | head   ·   cat $mountpoint/processes/4312-explorer.exe/modules/demo.dll/recovery.txt   ·   ls $mountpoint/unlinked   ·   cat $mountpoint/README.txt   ·   fusermount3 -u $mountpoint" >&2
