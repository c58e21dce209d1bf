#!/usr/bin/env bash
# Prints every benchmark figure of BENCHMARKS.md:
#   machine     nproc, CPU, load average
#   process     whole-process `telnyx-codegen generate` wall time (hyperfine,
#               when installed: apt-get install -y hyperfine), real spec and
#               synthetic 10x/20x/100x specs, into a fresh output directory
#               and into an up-to-date one (the stamp's case; `check` too),
#               and the scaling per unit of size
#   progenitor  scripts/compare-progenitor.sh: the same operations through
#               progenitor's generator, side by side
#   rss         peak RSS of `generate` on the real spec, 20x and 100x, and
#               at 100x the resident size after each stage (generate-rss --stages)
#   compile     `cargo check`/`cargo build` of telnyx-sip: cold
#               (CARGO_INCREMENTAL=0, dependencies already built) and
#               incremental after touching one generated file
#   generate    cargo bench --bench generate: per-stage times, scaling
#               ratios, whole-process medians
#   decode      cargo bench --bench decode: decode/encode MB/s, generated vs plain
#   client      cargo bench --bench client: req/s, generated client vs bare reqwest
#
#   bash scripts/bench.sh                 # everything (about 30 minutes on 2 busy cores)
#   bash scripts/bench.sh decode client   # only those sections
#
# Environment: CARGO_TARGET_DIR as usual; BENCH_COMPILE_TARGET_DIR (default
# /tmp/telnyx-sip-compile-target) is the separate target directory of the
# compile-time section, so it never touches anyone's build; BENCH_RUNS
# (default 3) is the number of runs of each compile measurement.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SECTIONS=("$@")
[ ${#SECTIONS[@]} -eq 0 ] && SECTIONS=(machine process progenitor rss compile generate decode client)
want() {
    local section
    for section in "${SECTIONS[@]}"; do [ "$section" = "$1" ] && return 0; done
    return 1
}

TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$TARGET/release/telnyx-codegen
SYNTH=$TARGET/release/synth-spec
RSS_WRAPPER=$TARGET/release/generate-rss
WORK=$(mktemp -d "${TMPDIR:-/tmp}/telnyx-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

if want machine; then
    echo "== machine"
    date -u '+%Y-%m-%d %H:%M UTC'
    echo "nproc: $(nproc)"
    lscpu | head -n 15
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    rustc --version
    echo
fi

needs_specs=false
for section in process rss; do want $section && needs_specs=true; done
if $needs_specs; then
    echo "== building release telnyx-codegen, synth-spec, generate-rss"
    cargo build --quiet --release -p telnyx-codegen -p telnyx-sip-benches --bins
    for factor in 10 20 100; do
        "$SYNTH" --spec spec --factor $factor --out "$WORK/spec-${factor}x"
        # The stamp trusts only inputs older than the run (a few seconds):
        # made a minute old, the specs behave like any checked-in spec.
        find "$WORK/spec-${factor}x" -exec touch -d '-1 min' {} +
    done
    echo
fi
spec_of() { if [ "$1" = 1 ]; then echo "$ROOT/spec"; else echo "$WORK/spec-${1}x"; fi; }

# The median of a hyperfine --export-json file, in milliseconds.
hyperfine_median_ms() {
    grep -o '"median": *[0-9.eE+-]*' "$1" | head -n 1 | awk -F: '{ printf "%.2f", $2 * 1000 }'
}

if want process; then
    echo "== whole process: telnyx-codegen generate (release)"
    if command -v hyperfine >/dev/null; then
        declare -A FRESH_MS
        for factor in 1 10 20 100; do
            case $factor in 1) runs=30 warmup=3 ;; 10) runs=10 warmup=1 ;; *) runs=3 warmup=1 ;; esac
            spec=$(spec_of $factor)
            out=$WORK/out-${factor}x
            if ! "$BIN" generate --spec "$spec" --out "$out" 2>"$WORK/err" >/dev/null; then
                echo "=> ${factor}x REJECTED by the generator: $(head -n 1 "$WORK/err")"
                echo
                continue
            fi
            json=$WORK/hyperfine-${factor}x.json
            # Fresh: the output directory is removed before each run (untimed).
            hyperfine --shell=none --warmup $warmup --runs $runs --style basic \
                --prepare "rm -rf $out" --export-json "$json" \
                --command-name "${factor}x fresh out dir" \
                "$BIN generate --spec $spec --out $out"
            FRESH_MS[$factor]=$(hyperfine_median_ms "$json")
            echo "=> ${factor}x fresh out dir: median ${FRESH_MS[$factor]} ms"
            "$BIN" generate --spec "$spec" --out "$out" 2>/dev/null
            hyperfine --shell=none --warmup 3 --runs 30 --style basic --export-json "$json" \
                --command-name "${factor}x up-to-date out dir" \
                "$BIN generate --spec $spec --out $out"
            echo "=> ${factor}x up-to-date out dir (stamp): median $(hyperfine_median_ms "$json") ms"
            hyperfine --shell=none --warmup 3 --runs 30 --style basic --export-json "$json" \
                --command-name "${factor}x check, up to date" \
                "$BIN check --spec $spec --out $out"
            echo "=> ${factor}x check, up to date (stamp): median $(hyperfine_median_ms "$json") ms"
            echo
        done
        if [ -n "${FRESH_MS[1]:-}" ]; then
            echo "== scaling of the fresh whole process (time ratio / size ratio; 1.00 is linear)"
            for factor in 10 20 100; do
                [ -n "${FRESH_MS[$factor]:-}" ] || continue
                awk -v f=$factor -v t="${FRESH_MS[$factor]}" -v b="${FRESH_MS[1]}" \
                    'BEGIN { printf "%sx: %.0f ms / %.0f ms = %.1fx for %dx the size -> %.2f per unit\n", f, t, b, t / b, f, t / b / f }'
            done
        fi
    else
        echo "hyperfine is not installed (apt-get install -y hyperfine); the generate bench below"
        echo "prints whole-process medians too."
    fi
    echo
fi

if want progenitor; then
    bash scripts/compare-progenitor.sh
    echo
fi

if want rss; then
    echo "== peak RSS of telnyx-codegen generate (fresh out dir)"
    for factor in 1 20 100; do
        spec=$(spec_of $factor)
        out=$WORK/rss-out-${factor}x
        rm -rf "$out"
        if ! "$BIN" generate --spec "$spec" --out "$out" 2>"$WORK/err" >/dev/null; then
            # Over the generator's item limit: measure the same stages minus validation.
            rm -rf "$out"
            echo "${factor}x: $("$RSS_WRAPPER" --no-validate --spec "$spec" --out "$out")" \
                "(in-process load/IR/emit/format/write without validate: the CLI rejects it:" \
                "$(head -n 1 "$WORK/err"))"
        elif [ -x /usr/bin/time ]; then
            rm -rf "$out"
            kb=$(/usr/bin/time -v "$BIN" generate --spec "$spec" --out "$out" 2>&1 >/dev/null |
                sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p')
            echo "${factor}x: ${kb} KiB (/usr/bin/time -v, max RSS)"
            if [ "$factor" = 100 ]; then
                rm -rf "$out"
                echo "${factor}x by stage (in-process, generate-rss --stages; glibc keeps freed memory, so 'now' only grows):"
                "$RSS_WRAPPER" --stages --spec "$spec" --out "$out"
            fi
        else
            rm -rf "$out"
            echo "${factor}x: $("$RSS_WRAPPER" --spec "$spec" --out "$out") (in-process Config::run)"
        fi
    done
    echo
fi

# Seconds, with millisecond precision, that "$@" takes; its output is discarded.
seconds() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }'
}
median_of() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

if want compile; then
    RUNS=${BENCH_RUNS:-3}
    CT=${BENCH_COMPILE_TARGET_DIR:-/tmp/telnyx-sip-compile-target}
    TOUCHED=generated/src/credential_connections.rs
    cargo_ct() { cargo "$1" --quiet -p telnyx-sip --target-dir "$CT"; }
    echo "== compile time of telnyx-sip ($(cat generated/src/*.rs | wc -l) generated lines), dev profile,"
    echo "   target dir $CT, median of $RUNS runs (all runs in parentheses), seconds"
    # Dependencies (and telnyx-sip once) built untimed first.
    CARGO_INCREMENTAL=0 cargo_ct build
    CARGO_INCREMENTAL=0 cargo_ct check
    for cmd in check build; do
        times=()
        for _ in $(seq "$RUNS"); do
            cargo clean --quiet -p telnyx-sip --target-dir "$CT"
            times+=("$(CARGO_INCREMENTAL=0 seconds cargo_ct $cmd)")
        done
        echo "cold (CARGO_INCREMENTAL=0, deps built) cargo $cmd: $(median_of "${times[@]}") (${times[*]})"
    done
    cargo_ct build
    cargo_ct check
    for cmd in check build; do
        times=()
        for _ in $(seq "$RUNS"); do
            touch "$TOUCHED"
            times+=("$(seconds cargo_ct $cmd)")
        done
        echo "incremental, after touching $TOUCHED, cargo $cmd: $(median_of "${times[@]}") (${times[*]})"
    done
    echo
fi

run_bench() {
    TELNYX_CODEGEN_BIN=$BIN cargo bench --quiet -p telnyx-sip-benches --bench "$1"
    echo
}
if want generate; then
    cargo build --quiet --release -p telnyx-codegen
    run_bench generate
fi
want decode && run_bench decode
want client && run_bench client
exit 0
