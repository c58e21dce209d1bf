#!/usr/bin/env bash
# Times `telnyx-codegen generate` against progenitor's generator on the same
# operations and types, side by side in one hyperfine run:
#
#   1. builds cargo-progenitor from crates.io into PROGENITOR_DIR (default
#      /tmp/telnyx-progenitor, outside the repository; nothing of it is
#      committed), once;
#   2. writes the OpenAPI 3.0 document equivalent to spec/
#      (scripts/spec-to-openapi.py: same operations, parameters, bodies,
#      responses and types);
#   3. builds the release telnyx-codegen and times, alternating:
#      - telnyx-codegen generate into an empty output directory,
#      - cargo progenitor into an empty output directory (as shipped: it
#        formats with rustfmt, the nightly one when installed),
#      - cargo progenitor with a RUSTFMT that only copies its input (its
#        generation without the rustfmt process: a floor for progenitor),
#      then the up-to-date case (output already there; progenitor has no
#      such check and regenerates).
#
#   bash scripts/compare-progenitor.sh
#
# Needs python3 with PyYAML, and hyperfine (apt-get install -y hyperfine);
# without hyperfine a plain loop prints medians. Environment: RUNS
# (default 30), PROGENITOR_VERSION (default 0.15.1), CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

RUNS=${RUNS:-30}
PROGENITOR_VERSION=${PROGENITOR_VERSION:-0.15.1}
PROGENITOR_DIR=${PROGENITOR_DIR:-/tmp/telnyx-progenitor}
PROGENITOR=$PROGENITOR_DIR/bin/cargo-progenitor
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$TARGET/release/telnyx-codegen
WORK=$(mktemp -d "${TMPDIR:-/tmp}/telnyx-vs-progenitor.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# cargo install records what it installed in .crates.toml.
if [ ! -x "$PROGENITOR" ] || ! grep -q "cargo-progenitor $PROGENITOR_VERSION" "$PROGENITOR_DIR/.crates.toml" 2>/dev/null; then
    echo "== building cargo-progenitor $PROGENITOR_VERSION into $PROGENITOR_DIR (once)"
    cargo install --quiet --locked cargo-progenitor --version "$PROGENITOR_VERSION" \
        --root "$PROGENITOR_DIR" --target-dir "$PROGENITOR_DIR/target"
fi
echo "== building the release telnyx-codegen"
cargo build --quiet --release -p telnyx-codegen

OPENAPI=$WORK/telnyx-sip.openapi.json
python3 scripts/spec-to-openapi.py spec >"$OPENAPI"
python3 - "$OPENAPI" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
ops = sum(len(item) for item in doc["paths"].values())
print(f"== the OpenAPI document: {ops} operations, {len(doc['components']['schemas'])} schemas")
EOF

OURS_OUT=$WORK/ours
THEIRS_OUT=$WORK/progenitor
ours="$BIN generate --spec $ROOT/spec --out $OURS_OUT"
theirs="$PROGENITOR progenitor -i $OPENAPI -o $THEIRS_OUT -n telnyx-sip-progenitor -v 0.1.0"
# A "rustfmt" that passes its input through unchanged (it ignores the
# options progenitor's rustfmt wrapper passes).
printf '#!/bin/sh\nexec cat\n' >"$WORK/no-rustfmt"
chmod +x "$WORK/no-rustfmt"
theirs_no_rustfmt="env RUSTFMT=$WORK/no-rustfmt $theirs"

# Both must work before anything is timed; the sizes of what they write.
$ours >/dev/null 2>&1
$theirs >/dev/null 2>&1
$theirs_no_rustfmt >/dev/null 2>&1
$theirs >/dev/null 2>&1
echo "telnyx-codegen output: $(find "$OURS_OUT" -name '*.rs' | xargs cat | wc -l) lines of Rust in $(find "$OURS_OUT" -type f ! -name '.*' | wc -l) files"
echo "progenitor output:     $(find "$THEIRS_OUT" -name '*.rs' | xargs cat | wc -l) lines of Rust in $(find "$THEIRS_OUT" -type f | wc -l) files"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

median_ms() { # hyperfine JSON, command index -> median in ms
    python3 - "$1" "$2" <<'EOF'
import json, sys
print("%.2f" % (json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"] * 1000))
EOF
}

if command -v hyperfine >/dev/null; then
    echo "== fresh output directory (removed before each run, untimed), $RUNS runs each"
    hyperfine --shell=none --warmup 3 --runs "$RUNS" --style basic --export-json "$WORK/fresh.json" \
        --prepare "rm -rf $OURS_OUT" --command-name "telnyx-codegen generate" "$ours" \
        --prepare "rm -rf $THEIRS_OUT" --command-name "progenitor (rustfmt)" "$theirs" \
        --prepare "rm -rf $THEIRS_OUT" --command-name "progenitor (no rustfmt)" "$theirs_no_rustfmt"
    $ours >/dev/null 2>&1
    echo
    echo "== output already up to date, $RUNS runs each"
    hyperfine --shell=none --warmup 3 --runs "$RUNS" --style basic --export-json "$WORK/same.json" \
        --command-name "telnyx-codegen generate" "$ours" \
        --command-name "progenitor (rustfmt)" "$theirs" \
        --command-name "progenitor (no rustfmt)" "$theirs_no_rustfmt"
    echo
    echo "== medians (ms) and telnyx-codegen / progenitor"
    for case in fresh same; do
        o=$(median_ms "$WORK/$case.json" 0)
        p=$(median_ms "$WORK/$case.json" 1)
        c=$(median_ms "$WORK/$case.json" 2)
        awk -v case=$case -v o="$o" -v p="$p" -v c="$c" 'BEGIN {
            printf "%-6s telnyx-codegen %8.2f | progenitor %8.2f (ratio %.3f) | progenitor without rustfmt %8.2f (ratio %.3f)\n",
                case, o, p, o / p, c, o / c }'
    done
else
    echo "hyperfine is not installed (apt-get install -y hyperfine): a plain loop, fresh output directory"
    time_ms() {
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1
        end=$(date +%s%N)
        echo $(((end - start) / 1000))
    }
    for name in ours theirs theirs_no_rustfmt; do
        samples=()
        for _ in $(seq "$RUNS"); do
            rm -rf "$OURS_OUT" "$THEIRS_OUT"
            # shellcheck disable=SC2086
            samples+=("$(time_ms ${!name})")
        done
        printf '%s\n' "${samples[@]}" | sort -n |
            awk -v name=$name '{ v[NR] = $1 } END { printf "%-18s median %.2f ms\n", name, v[int((NR + 1) / 2)] / 1000 }'
    done
fi
