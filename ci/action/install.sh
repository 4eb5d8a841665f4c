#!/usr/bin/env bash
# Installs a released charta binary for this machine, verified against the
# release's SHA256SUMS; used by action.yml, and runnable on its own.
#
# Environment:
#   CHARTA_VERSION      the version to install, e.g. 0.1.0 (required)
#   CHARTA_REPOSITORY   owner/name of the repository with the releases
#   CHARTA_RELEASES_URL where the release files are (default: the GitHub
#                       release of v$CHARTA_VERSION; a file:// URL for tests)
#   CHARTA_INSTALL_DIR  where the binary goes (default: $RUNNER_TEMP/charta/bin)
set -euo pipefail
version="${CHARTA_VERSION:?set CHARTA_VERSION, e.g. 0.1.0}"
version="${version#v}"
repository="${CHARTA_REPOSITORY:-charta-policies/charta}"
releases="${CHARTA_RELEASES_URL:-https://github.com/$repository/releases/download/v$version}"
install_dir="${CHARTA_INSTALL_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/charta/bin}"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) target=x86_64-unknown-linux-musl ;;
  Linux-aarch64 | Linux-arm64) target=aarch64-unknown-linux-musl ;;
  Darwin-arm64) target=aarch64-apple-darwin ;;
  Darwin-x86_64) target=x86_64-apple-darwin ;;
  MINGW* | MSYS* | CYGWIN*) target=x86_64-pc-windows-msvc ;;
  *) echo "charta has no release binary for $(uname -s) $(uname -m); build it with cargo install --locked charta" >&2; exit 1 ;;
esac
case "$target" in
  *windows*) archive="charta-$version-$target.zip"; binary=charta.exe ;;
  *) archive="charta-$version-$target.tar.gz"; binary=charta ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
curl --fail --silent --show-error --location --retry 3 -o "$work/$archive" "$releases/$archive"
curl --fail --silent --show-error --location --retry 3 -o "$work/SHA256SUMS" "$releases/SHA256SUMS"
expected="$(awk -v name="$archive" '$2 == name || $2 == "*" name { print $1 }' "$work/SHA256SUMS")"
if [ -z "$expected" ]; then
  echo "SHA256SUMS of charta $version lists no $archive" >&2
  exit 1
fi
if command -v sha256sum >/dev/null; then
  actual="$(sha256sum "$work/$archive" | cut -d' ' -f1)"
else
  actual="$(shasum -a 256 "$work/$archive" | cut -d' ' -f1)"
fi
if [ "$actual" != "$expected" ]; then
  echo "the SHA-256 of $archive is $actual, but SHA256SUMS says $expected: not installed" >&2
  exit 1
fi
case "$archive" in
  *.zip) unzip -q "$work/$archive" -d "$work" ;;
  *) tar -xzf "$work/$archive" -C "$work" ;;
esac
mkdir -p "$install_dir"
cp "$work/charta-$version-$target/$binary" "$install_dir/$binary"
chmod +x "$install_dir/$binary"
if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$install_dir" >> "$GITHUB_PATH"
fi
echo "installed charta $version ($target, sha256 $actual) in $install_dir"
