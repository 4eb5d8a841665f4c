#!/usr/bin/env bash
# Packs a built charta binary for a release: charta-<version>-<target>.tar.gz
# (a .zip for Windows) holding the binary and README.md, and prints its
# SHA-256 line, the format of the release's SHA256SUMS file.
# Usage: bash ci/release/package.sh <target> <version> <binary> <out-dir>
set -euo pipefail
target="$1"
version="$2"
binary="$3"
out="$4"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
name="charta-$version-$target"
stage="$(mktemp -d)/$name"
mkdir -p "$stage" "$out"
cp "$binary" "$stage/"
cp "$repo/README.md" "$stage/"
case "$target" in
  *windows*)
    archive="$name.zip"
    (cd "$(dirname "$stage")" && 7z a -tzip -bd "$OLDPWD/$out/$archive" "$name" >/dev/null 2>&1 \
      || (cd "$(dirname "$stage")" && zip -qr "$out/$archive" "$name"))
    ;;
  *)
    archive="$name.tar.gz"
    # Sorted names, fixed owner and times: the same binary gives the same archive.
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 \
      -C "$(dirname "$stage")" -cf - "$name" | gzip -n > "$out/$archive"
    ;;
esac
(cd "$out" && sha256sum "$archive")
