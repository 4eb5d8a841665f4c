#!/usr/bin/env bash
# What `cargo test` needs beyond the Rust toolchain: fonts for the PDFs of
# the example site (Noto CJK for Japanese and Korean, DejaVu for the rest)
# and poppler's pdftotext and pdfinfo, with which the tests read PDFs back.
# Installs them from Debian when missing (CI runs as root on a clean machine).
set -euo pipefail
# (grep without -q: with pipefail, an early exit would fail fc-list with SIGPIPE.)
if command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null \
  && fc-list : family 2>/dev/null | grep -i "Noto Serif CJK" >/dev/null \
  && fc-list : family 2>/dev/null | grep -i "DejaVu Serif" >/dev/null; then
  exit 0
fi
apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
  fontconfig fonts-noto-cjk fonts-dejavu-core poppler-utils >/dev/null
