#!/usr/bin/env bash
# Reruns the site benchmark: charta against Hugo and a write-only floor, at
# V = 50, 200 and 800 versions (pass other sizes as arguments). Installs Hugo
# and GNU time from Debian if missing. Results: stdout and bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v hugo >/dev/null || [ ! -x /usr/bin/time ]; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq hugo time >/dev/null
fi
cargo build --locked --release
cargo bench --locked --bench diff
cargo bench --locked --bench site -- "$@"
