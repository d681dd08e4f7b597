#!/usr/bin/env bash
# Checks that a memfs.exe is a PE32+ x64 Windows console program that does not import WinFsp at load time
# (memfs loads winfsp-x64.dll on demand, so it starts and reads images without WinFsp). Needs objdump (binutils).
# usage: check-pe.sh memfs.exe
set -euo pipefail
headers=$(objdump -p "$1")
fail() { echo "check-pe: $1: $2" >&2; exit 1; }
grep -q "file format pei-x86-64" <<<"$headers" || fail "$1" "not a PE file for x86-64"
grep -Eq "^Magic[[:space:]]+020b[[:space:]]+\(PE32\+\)" <<<"$headers" || fail "$1" "optional header is not PE32+"
grep -Eq "^Subsystem[[:space:]]+00000003[[:space:]]+\(Windows CUI\)" <<<"$headers" || fail "$1" "subsystem is not the Windows console (CUI)"
imports=$(sed -n 's/^[[:space:]]*DLL Name: //p' <<<"$headers")
[ -n "$imports" ] || fail "$1" "no import table"
if grep -iq winfsp <<<"$imports"; then fail "$1" "imports WinFsp at load time"; fi
echo "check-pe: $1: PE32+ x86-64, Windows console program; load-time imports: $(tr '\n' ' ' <<<"$imports")"
