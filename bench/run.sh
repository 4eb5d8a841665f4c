#!/usr/bin/env bash
# Reruns the benchmarks: comparisons, then a full build by charta against
# Hugo and a write-only floor at V = 50, 200, 800 and 2,000 versions (pass
# other sizes as arguments), serve's previews, and sites of 10 documents and
# of 10 languages. Installs Hugo and GNU time from Debian if missing.
# CHARTA_BEFORE (a charta binary) and CHARTA_DIFF_BEFORE (a build of
# bench/diff.rs) add an earlier build to every table, in the same runs.
# Results: stdout and bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v hugo >/dev/null || [ ! -x /usr/bin/time ]; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq hugo time >/dev/null
fi
cargo build --locked --release
cargo bench --locked --bench diff | tee target/diff-bench.txt
cargo bench --locked --bench site -- "$@"
{
  printf '\n## Comparisons (`cargo bench --bench diff`, same run)\n\n```\n'
  grep -E '^(old:|compare:|rewritten)' target/diff-bench.txt
  printf '```\n'
} >> bench/RESULTS.md
