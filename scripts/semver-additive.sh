#!/usr/bin/env bash
# Shows that documented additions to the spec are semver-compatible for
# users of the generated crate, and that a breaking one is caught:
#   1. generates the client from spec/ (the baseline);
#   2. applies additive changes (a new enum value, a new optional response
#      field, a new optional request field, a new optional query parameter)
#      and generates again: cargo-semver-checks must report no major change;
#   3. adds a required request field instead: it must report a major change.
#
#   cargo install cargo-semver-checks --locked   # once (.ci/run does it when missing)
#   bash scripts/semver-additive.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
command -v cargo-semver-checks >/dev/null || { echo "cargo-semver-checks is not installed" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/semver-additive.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cargo build --quiet -p telnyx-codegen
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/debug/telnyx-codegen
RUNTIME=$ROOT/generator/runtime

generate() { # spec dir, out dir
    "$BIN" generate --spec "$1" --out "$2" --runtime-dir "$RUNTIME" 2>/dev/null
    cp "$ROOT/Cargo.lock" "$2/Cargo.lock"
}

semver() { # baseline, current
    # The target directory the diff cross-check test uses too, so the
    # dependencies' rustdoc output is built once.
    CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}/semver-checks cargo semver-checks check-release \
        --baseline-root "$1" --manifest-path "$2/Cargo.toml" 2>&1
}

cp -r spec "$WORK/base-spec"
generate "$WORK/base-spec" "$WORK/base"

# Additive: what the docs add over time.
cp -r spec "$WORK/add-spec"
python3 - "$WORK/add-spec" <<'PY'
import sys, pathlib
spec = pathlib.Path(sys.argv[1])
ranges = spec / "access_ip_ranges.yaml"
text = ranges.read_text()
old = "      - value: added\n        doc: The range is in effect.\n"
assert old in text
text = text.replace(old, old + "      - value: removing\n        doc: The range is being removed.\n", 1)
ranges.write_text(text)
PY
python3 - "$WORK/add-spec" <<'PY'
import sys, pathlib, re
spec = pathlib.Path(sys.argv[1])
p = spec / "access_ip_ranges.yaml"
t = p.read_text()
# a new optional field on the response type and on the request type
t = re.sub(r"(  AccessIpRange:\n(?:.*\n)*?    fields:\n)", r"\1      region:\n        type: string\n        doc: Where the range applies.\n", t, count=1)
t = re.sub(r"(  CreateAccessIpRangeRequest:\n(?:.*\n)*?    fields:\n)", r"\1      region:\n        type: string\n        doc: Where the range applies.\n", t, count=1)
# a new optional query parameter
t = t.replace("        query:\n", "        query:\n          filter[region]:\n            type: string\n            doc: Only ranges of this region.\n", 1)
p.write_text(t)
PY
generate "$WORK/add-spec" "$WORK/add"
echo "== additive spec change"
if ! semver "$WORK/base" "$WORK/add" | tee "$WORK/add.log"; then
    echo "FAIL: cargo-semver-checks reports a major change for additive spec changes" >&2
    exit 1
fi

# Breaking: a new required request field.
cp -r spec "$WORK/break-spec"
# (on a request type without a sample, which would no longer match it)
python3 - "$WORK/break-spec" <<'PY'
import sys, pathlib
p = pathlib.Path(sys.argv[1]) / "security_connections.yaml"
t = p.read_text()
old = "  LegacyConnectionRequest:\n    doc: A legacy connection, as sent to create one.\n    fields:\n"
assert old in t
t = t.replace(old, old + "      region:\n        type: string\n        required: true\n        doc: Where the connection applies.\n", 1)
p.write_text(t)
PY
generate "$WORK/break-spec" "$WORK/break"
echo "== breaking spec change (a new required field)"
if semver "$WORK/base" "$WORK/break" | tee "$WORK/break.log"; then
    echo "FAIL: cargo-semver-checks missed a new required field" >&2
    exit 1
fi
echo "OK: additions are minor, a new required field is major"
