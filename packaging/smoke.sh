#!/usr/bin/env bash
# Smoke tests of an installed memfs binary with no dotnet reachable: the commands run under 'env -i' with a PATH
# holding only memfs and the few system tools the checks use. Ends with "smoke: passed=N failed=N".
# usage: smoke.sh MEMFS_BINARY DEMO_IMAGE
set -uo pipefail
memfs=$(readlink -f "$1") image=$(readlink -f "$2")
work=$(mktemp -d)
bin="$work/bin" mnt="$work/mnt"
mkdir -p "$bin" "$mnt"
ln -s "$memfs" "$bin/memfs"
for tool in ls cat fusermount3 mountpoint sh sleep grep; do
  found=$(command -v "$tool") && ln -s "$found" "$bin/$tool"
done
passed=0 failed=0
isolated() { env -i PATH="$bin" HOME="$work" "$@"; }
check() {
  local name=$1; shift
  if out=$("$@" 2>&1); then passed=$((passed + 1)); echo "smoke ok:   $name"
  else failed=$((failed + 1)); echo "smoke FAIL: $name"; sed 's/^/    /' <<<"$out" | head -n 20; fi
}
cleanup() { mountpoint -q "$mnt" && fusermount3 -u "$mnt"; rm -rf "$work"; }
trap cleanup EXIT

check "no dotnet on the smoke PATH" isolated sh -c '! command -v dotnet'
check "memfs --version names version, commit, build and symbol pack" \
  isolated sh -c 'memfs --version > v && grep -q "^memfs [0-9]" v && grep -q "^commit: " v && grep -q "^build: " v && grep -q "^symbol pack: sha256" v'
check "memfs info on the demo image" isolated memfs info "$image"
check "memfs ps lists notepad.exe" isolated sh -c "memfs ps '$image' | grep -q ' notepad.exe '"
check "memfs ps --json (source-generated JSON)" isolated sh -c "memfs ps '$image' --json | grep -q '\"name\": \"notepad.exe\"'"
check "memfs mount, then ls shows the processes" \
  isolated sh -c "memfs mount '$image' '$mnt' && ls '$mnt/processes' | grep -q '^6724-notepad.exe\$' && cat '$mnt/processes/6724-notepad.exe/vadmap.txt' > /dev/null"
check "fusermount3 -u unmounts" isolated sh -c "fusermount3 -u '$mnt' && ! mountpoint -q '$mnt'"
echo "smoke: passed=$passed failed=$failed"
[ "$failed" -eq 0 ]
