#!/usr/bin/env bash
# Builds memfs_<version>_amd64.deb with dpkg-deb from a linux-x64 memfs binary, its man page and the notices.
# usage: build-deb.sh VERSION BINARY MANPAGE OUTDIR
set -euo pipefail
version=$1 binary=$2 manpage=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

install -D -m 0755 "$binary" "$root/usr/bin/memfs"
install -d "$root/usr/share/man/man1" "$root/usr/share/doc/memfs" "$root/DEBIAN"
gzip -9n < "$manpage" > "$root/usr/share/man/man1/memfs.1.gz"
# Debian policy 12.5: the licence and notices go in /usr/share/doc/PACKAGE/copyright.
cp "$here/../THIRD-PARTY-NOTICES.md" "$root/usr/share/doc/memfs/copyright"
installed_kib=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$installed_kib/" "$here/control.in" > "$root/DEBIAN/control"
mkdir -p "$out"
deb="$out/memfs_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
