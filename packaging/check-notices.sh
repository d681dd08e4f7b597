#!/usr/bin/env bash
# Fails when a NuGet package memfs is built from (a restore graph, project.assets.json) is not in the notices file.
# usage: check-notices.sh project.assets.json THIRD-PARTY-NOTICES.md
set -euo pipefail
missing=$(python3 - "$1" "$2" <<'PY'
import json, sys
assets = json.load(open(sys.argv[1]))
notices = open(sys.argv[2]).read()
for target in assets["targets"].values():
    for name, entry in target.items():
        package, version = name.split("/")
        if entry.get("type") == "package" and f"| {package} | {version} |" not in notices:
            print(f"{package} {version}")
PY
)
missing=$(sort -u <<<"$missing")
if [ -n "$missing" ]; then echo "check-notices: not in $2 (add name, version, licence, copyright):" $missing >&2; exit 1; fi
