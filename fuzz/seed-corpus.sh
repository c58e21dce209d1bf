#!/usr/bin/env bash
# Writes the fuzz seed corpus from the real spec (run from anywhere; the
# committed seeds are its output). A seed is one spec file, because the fuzz
# target reads one file:
#   seed-spec-merged.yaml    every file of spec/ merged into one (full-line
#                            comments dropped), a complete valid spec;
#   seed-spec-<name>.yaml    api.yaml + connection_settings.yaml + one resource
#                            file merged: small complete specs, which mutate
#                            far faster than the whole (run with -max_len);
#   seed-file-<name>.yaml    each spec file on its own, as written;
#   seed-snapshot.yaml       tests/fixtures/snapshot/spec.yaml, every shape the
#                            generator handles (its one sample reference dropped:
#                            the target resolves samples in spec/).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
out="$here/corpus/generate"
mkdir -p "$out"
rm -f "$out"/seed-*

# Merges spec files into one: each top-level section once, in first-seen order.
merge() {
  awk '
    /^[a-z_]+:/ { section = $1; sub(/:.*/, "", section); if (!(section in body)) order[n++] = section; next }
    /^[ \t]*#/ { next }
    section != "" { body[section] = body[section] $0 "\n" }
    END { for (i = 0; i < n; i++) printf "%s:\n%s", order[i], body[order[i]] }
  ' "$@"
}

merge "$root/spec/api.yaml" $(ls "$root"/spec/*.yaml | grep -v "/api.yaml$") > "$out/seed-spec-merged.yaml"
for file in "$root"/spec/*.yaml; do
  name="$(basename "$file")"
  case "$name" in api.yaml|connection_settings.yaml) continue ;; esac
  merge "$root/spec/api.yaml" "$root/spec/connection_settings.yaml" "$file" > "$out/seed-spec-$name"
done

for file in "$root"/spec/*.yaml; do
  cp "$file" "$out/seed-file-$(basename "$file")"
done

grep -v -e '^        samples:$' -e 'request: \[samples/' \
  "$root/tests/fixtures/snapshot/spec.yaml" > "$out/seed-snapshot.yaml"

ls -l "$out"
