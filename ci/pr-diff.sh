#!/usr/bin/env bash
# Prints, as Markdown for a pull-request comment, what the draft of every
# document changed by this branch would change compared with its latest
# released version, in every language.
# Usage: bash ci/pr-diff.sh <base-ref>   (e.g. origin/main)
set -euo pipefail
base="$1"
charta="${CHARTA:-./target/release/charta}"
changed=$(git diff --name-only "$base"...HEAD)
documents=$(sed -n 's/^documents: *\[\(.*\)\]/\1/p' content/site.yaml | tr -d ' ' | tr ',' ' ')
languages=$(sed -n 's/^languages: *\[\(.*\)\]/\1/p' content/site.yaml | tr -d ' ' | tr ',' ' ')
for doc in $documents; do
  # A document is affected by its own files and by the shared page wording and terms.
  if ! grep -qE "^(content/$doc\.yaml|locales/[^/]+/($doc|site)\.ftl)$" <<<"$changed"; then
    continue
  fi
  latest=$(find "versions/$doc" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort | tail -n 1)
  if [ -z "$latest" ]; then
    echo "**$doc**: no released version yet; the whole draft is new."
    continue
  fi
  echo "### $doc: draft compared with $latest"
  for lang in $languages; do
    echo
    echo "<details><summary>$lang</summary>"
    echo
    echo '```diff'
    "$charta" diff "$doc" "$latest" draft --lang "$lang"
    echo '```'
    echo "</details>"
  done
  echo
done
