#!/usr/bin/env bash
# Builds the fixture sites the tests use, for the same checks as the example:
#   german        the example with German added later (`charta add-translation`)
#   arabic        a new site in Arabic and English (right to left)
#   one-language  a new site in English only (no language chooser)
# Usage: bash ci/site-checks/fixtures.sh <charta-binary> <out-dir>
# Writes <out-dir>/<name>/public for each.
set -euo pipefail
charta="$1"
out="$2"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
fixtures="$repo/tests/fixtures"
date=2026-12-01
rm -rf "$out" && mkdir -p "$out"

# German, added to the version in force of the example's privacy policy.
src="$out/german/src"
mkdir -p "$src"
cp -r "$repo/content" "$repo/locales" "$repo/versions" "$src/"
rm -f "$src/versions/.charta-lock"
sed -i 's/^languages: \[ja, ko, en\]$/languages: [ja, ko, en, de]/' "$src/content/site.yaml"
mkdir -p "$src/locales/de" "$out/german/words"
cp "$fixtures/german/site.ftl" "$src/locales/de/site.ftl"
printf '# Noch zu übersetzen.\n' > "$src/locales/de/privacy.ftl"
printf '# Noch zu übersetzen.\n' > "$src/locales/de/cookies.ftl"
cp "$fixtures/german/privacy.ftl" "$out/german/words/privacy.ftl"
cp "$fixtures/german/site-2026-04-01.ftl" "$out/german/words/site.ftl"
"$charta" --root "$src" add-translation privacy de --version 2026-04-01 \
  --from "$out/german/words" --date "$date" >/dev/null 2>&1

# New sites from `charta new`, with their privacy policy released today.
new_site() {
  local name="$1" languages="$2"
  "$charta" new "$out/$name/src" >/dev/null 2>&1
  sed -i "s/^languages:.*/languages: [$languages]/" "$out/$name/src/content/site.yaml"
  sed -i "s/^effective:.*/effective: $date/" "$out/$name/src/content/privacy.yaml"
}
new_site arabic "ar, en"
mkdir -p "$out/arabic/src/locales/ar"
cp "$fixtures/arabic/site.ftl" "$fixtures/arabic/privacy.ftl" "$out/arabic/src/locales/ar/"
new_site one-language "en"
for name in arabic one-language; do
  "$charta" --root "$out/$name/src" release privacy --date "$date" >/dev/null 2>&1
done

for name in german arabic one-language; do
  "$charta" --root "$out/$name/src" build --drafts --date "$date" --out "$out/$name/public" 2>/dev/null
done
