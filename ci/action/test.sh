#!/usr/bin/env bash
# Runs here what GitHub runs for a policy repository, as far as it can
# without GitHub: packs the built binary as a release does, installs it with
# the action's script (checking its SHA-256, and refusing a tampered
# archive), and lints the workflows `charta new` writes.
# Usage: bash ci/action/test.sh <charta-binary>
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
binary="$1"
version="$("$binary" --version | awk '{print $2}')"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) target=x86_64-unknown-linux-musl ;;
  Linux-aarch64) target=aarch64-unknown-linux-musl ;;
  *) echo "no release target for this machine; skipped"; exit 0 ;;
esac
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "-- a release, packed as the release workflow packs it"
mkdir -p "$work/release"
bash "$repo/ci/release/package.sh" "$target" "$version" "$binary" "$work/release" > "$work/sums"
mv "$work/sums" "$work/release/SHA256SUMS"
cat "$work/release/SHA256SUMS"

echo "-- installed by the action's script"
CHARTA_VERSION="v$version" CHARTA_RELEASES_URL="file://$work/release" CHARTA_INSTALL_DIR="$work/bin" \
  bash "$repo/ci/action/install.sh"
"$work/bin/charta" --version

echo "-- a tampered archive is refused"
cp -r "$work/release" "$work/tampered"
printf 'x' >> "$work/tampered/charta-$version-$target.tar.gz"
if CHARTA_VERSION="$version" CHARTA_RELEASES_URL="file://$work/tampered" CHARTA_INSTALL_DIR="$work/bad" \
  bash "$repo/ci/action/install.sh" 2> "$work/refused.txt"; then
  echo "a tampered archive was installed"; exit 1
fi
grep "SHA-256" "$work/refused.txt"
[ ! -e "$work/bad/charta" ] || { echo "the tampered binary is in place"; exit 1; }

echo "-- the workflows of a new policy repository"
"$work/bin/charta" new "$work/site" --languages ja,en 2>/dev/null
actionlint "$work/site/.github/workflows/"*.yml
echo "action checks passed"
