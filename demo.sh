#!/usr/bin/env bash
# Builds the deterministic demo memory image and mounts it read-only at /tmp/memfs (or $1) in the foreground.
# Browse it from another terminal; Ctrl-C unmounts. Installs fuse3 (libfuse3, fusermount3) when it is missing.
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
dotnet run --project tests/DemoImage -c Release -- "$image"
mkdir -p "$mountpoint"
echo "demo: try   ls $mountpoint/processes   cat $mountpoint/processes/6724-notepad.exe/vadmap.txt   grep -rl c2.example $mountpoint/processes" >&2
exec dotnet src/Mount/bin/Release/net10.0/memfs.dll mount "$image" "$mountpoint"
