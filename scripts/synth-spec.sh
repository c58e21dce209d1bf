#!/usr/bin/env bash
# Writes a synthetic spec with FACTOR times the operations and types of
# spec/ into OUT_DIR (every resource file copied FACTOR times with its types,
# resources and operations renamed; see benches/src/synth.rs). For the
# scaling benchmarks; never commit the output.
#
#   bash scripts/synth-spec.sh 100 /tmp/spec-100x
#   cargo run -p telnyx-codegen -- generate --spec /tmp/spec-100x --out /tmp/out-100x
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: $0 FACTOR OUT_DIR" >&2
    exit 2
fi
cd "$(dirname "$0")/.."
cargo run --quiet --release -p telnyx-sip-benches --bin synth-spec -- \
    --spec spec --factor "$1" --out "$2"
