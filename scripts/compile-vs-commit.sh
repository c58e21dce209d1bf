#!/usr/bin/env bash
# Compile time of the generated crate against an earlier commit's, on the
# same spec (the figures of BENCHMARKS.md §3, "against e4ce377"):
#
#   1. checks out BASE (default e4ce377, the last commit before the derives)
#      in a worktree under WORK (default /tmp/telnyx-compile-vs);
#   2. generates BASE's spec with this checkout's generator into
#      WORK/today, a crate of its own depending on this checkout's runtime
#      (so both sides compile the same operations and types);
#   3. builds both with their dependencies, each in its own target
#      directory, then runs ROUNDS alternating rounds of, per side:
#      `cargo clean -p telnyx-sip` and `CARGO_INCREMENTAL=0 cargo check`,
#      the same with `cargo build`, then `touch` one file and
#      `cargo check`, `cargo build` (incremental, as in the dev profile).
#
#   bash scripts/compile-vs-commit.sh            # against e4ce377
#   BASE=a3c00c0 bash scripts/compile-vs-commit.sh
#
# Count the later rounds if the first differs (a cold cache). The working
# tree is left as it is; the worktree is registered in .git (`git worktree
# remove WORK/base` when done).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BASE=${BASE:-e4ce377}
WORK=${WORK:-/tmp/telnyx-compile-vs}
ROUNDS=${ROUNDS:-3}

mkdir -p "$WORK"
if [ ! -d "$WORK/base" ]; then
    git worktree add --detach "$WORK/base" "$BASE" >/dev/null
fi
cargo build -q --release -p telnyx-codegen
target/release/telnyx-codegen generate --spec "$WORK/base/spec" --out "$WORK/today" \
    --runtime-dir "$ROOT/generator/runtime" >/dev/null
# A crate of its own, outside this workspace, with the workspace's versions.
grep -q '^\[workspace\]' "$WORK/today/Cargo.toml" || echo '[workspace]' >>"$WORK/today/Cargo.toml"
cp Cargo.lock "$WORK/today/Cargo.lock"

seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'
}

side() { # name crate-dir target-dir file-to-touch package-args...
    local name=$1 dir=$2 target=$3 file=$4 line
    shift 4
    cd "$dir"
    line="$name:"
    for command in check build; do
        cargo clean -q -p telnyx-sip --target-dir "$target"
        line="$line cold $command $(CARGO_INCREMENTAL=0 seconds cargo "$command" -q "$@" --target-dir "$target")"
    done
    cargo build -q "$@" --target-dir "$target"
    cargo check -q "$@" --target-dir "$target"
    for command in check build; do
        touch "$file"
        line="$line touch $command $(seconds cargo "$command" -q "$@" --target-dir "$target")"
    done
    echo "$line"
    cd "$ROOT"
}

for target in "$WORK/target-base" "$WORK/target-today"; do mkdir -p "$target"; done
# Dependencies built for both profiles' needs (check metadata and build).
(cd "$WORK/base" && cargo build -q -p telnyx-sip --target-dir "$WORK/target-base" &&
    cargo check -q -p telnyx-sip --target-dir "$WORK/target-base")
(cd "$WORK/today" && cargo build -q --target-dir "$WORK/target-today" &&
    cargo check -q --target-dir "$WORK/target-today")
for round in $(seq "$ROUNDS"); do
    echo "round $round"
    side "  $BASE" "$WORK/base" "$WORK/target-base" generated/src/credential_connections.rs -p telnyx-sip
    side "  today  " "$WORK/today" "$WORK/target-today" src/credential_connections.rs
done
