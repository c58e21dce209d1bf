//! Generation speed: the in-process time of each pipeline stage (load,
//! validate, IR, emit, format, write) on the real spec and on synthetic
//! specs with 10× and 100× the operations and types, the scaling ratios, and
//! the whole-process wall time of the release `telnyx-codegen generate`.
//!
//! `cargo bench -p telnyx-sip-benches --bench generate`. The whole-process
//! figures need the release binary: `scripts/bench.sh` builds it and passes
//! its path in `TELNYX_CODEGEN_BIN` (default: `target/release/telnyx-codegen`
//! under `CARGO_TARGET_DIR` or the workspace). `BENCH_FACTORS=1,10` limits
//! the specs measured.

// A benchmark reports and stops on broken input; a panic with the message is
// the clearest report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use telnyx_codegen::{emit, format, ir, load, validate, write};
use telnyx_sip_benches::{is_bench_run, median, ms, synth, workspace_root};

/// The stages, in pipeline order, as printed.
const STAGES: [&str; 6] = [
    "load",
    "validate",
    "ir",
    // One stage since each thread emits the files it formats.
    "emit+format",
    "write(fresh)",
    "write(same)",
];

/// How many stages make a fresh run (all but write(same)).
const FRESH: usize = 5;

/// The times of one pipeline run, in `STAGES` order.
type StageTimes = [Duration; 6];

/// One spec measured.
struct Measured {
    label: String,
    operations: usize,
    types: usize,
    output_files: usize,
    output_bytes: usize,
    runs: usize,
    /// Median per stage.
    stages: StageTimes,
    /// Median of the per-run sums of load..write(fresh).
    total: Duration,
    /// Why `validate` rejected the spec, when it did (the later stages are
    /// measured anyway: the rejection is a size limit, not a broken spec).
    rejected: Option<String>,
}

/// One pipeline run.
struct Run {
    times: StageTimes,
    operations: usize,
    types: usize,
    files: usize,
    bytes: usize,
    rejected: Option<String>,
}

fn main() {
    let bench = is_bench_run();
    let root = workspace_root();
    let scratch = tempfile::tempdir().expect("temporary directory");
    let factors = factors(bench);

    println!("== generate: in-process time of each stage (release build, median per stage)");
    println!(
        "   write(fresh) = into an empty directory (written, not fsynced);\n   \
         write(same) = into a directory already up to date (read and compare only)"
    );
    let mut results = Vec::new();
    for &factor in &factors {
        let spec = spec_for(&root, factor, scratch.path());
        let runs = match (bench, factor) {
            (false, _) => 1,
            (true, 1) => 40,
            (true, f) if f <= 10 => 10,
            (true, _) => 3,
        };
        results.push(measure(&format!("{factor}x"), &spec, runs, scratch.path()));
    }
    print_stage_table(&results);
    print_dominant(&results);
    if let Some(&factor) = factors.first() {
        let spec = spec_for(&root, factor, scratch.path());
        print_format_split(&format!("{factor}x"), &spec, if bench { 20 } else { 1 });
    }
    print_scaling(&results);

    match codegen_binary() {
        Some(binary) => {
            println!();
            println!(
                "== generate: whole process, `{} generate --spec S --out O` (wall time)",
                binary.display()
            );
            for &factor in &factors {
                let spec = spec_for(&root, factor, scratch.path());
                let runs = match (bench, factor) {
                    (false, _) => 1,
                    (true, 1) => 30,
                    (true, f) if f <= 10 => 5,
                    (true, _) => 3,
                };
                whole_process(&binary, &format!("{factor}x"), &spec, runs, scratch.path());
            }
        }
        None => println!(
            "\n== generate: whole process skipped: build `cargo build --release -p telnyx-codegen` \
             or set TELNYX_CODEGEN_BIN"
        ),
    }
}

/// The spec sizes to measure: `BENCH_FACTORS` (comma-separated), else 1, 10
/// and 100, and 20 (the largest the generator's item limit accepts); 1 and
/// 2 outside `cargo bench`, to show the bench still runs.
fn factors(bench: bool) -> Vec<usize> {
    if let Ok(list) = std::env::var("BENCH_FACTORS") {
        return list
            .split(',')
            .map(|f| f.trim().parse().expect("BENCH_FACTORS: numbers"))
            .collect();
    }
    if bench {
        vec![1, 10, 20, 100]
    } else {
        vec![1, 2]
    }
}

/// The real spec for 1, else a synthetic one made once under `scratch`.
fn spec_for(root: &Path, factor: usize, scratch: &Path) -> PathBuf {
    let real = root.join("spec");
    if factor == 1 {
        return real;
    }
    let dir = scratch.join(format!("spec-{factor}x"));
    if !dir.exists() {
        synth::synthesize(&real, factor, &dir).expect("synthetic spec");
    }
    dir
}

fn measure(label: &str, spec: &Path, runs: usize, scratch: &Path) -> Measured {
    // One untimed run warms the file cache and checks the spec generates.
    let first = run_pipeline(spec, scratch);
    let mut all: Vec<StageTimes> = Vec::with_capacity(runs);
    for _ in 0..runs {
        all.push(run_pipeline(spec, scratch).times);
    }
    let mut stages = [Duration::ZERO; 6];
    for (index, stage) in stages.iter_mut().enumerate() {
        let samples: Vec<Duration> = all.iter().map(|times| times[index]).collect();
        *stage = median(&samples);
    }
    let totals: Vec<Duration> = all
        .iter()
        .map(|times| times[..FRESH].iter().sum())
        .collect();
    Measured {
        label: label.to_owned(),
        operations: first.operations,
        types: first.types,
        output_files: first.files,
        output_bytes: first.bytes,
        runs,
        stages,
        total: median(&totals),
        rejected: first.rejected,
    }
}

/// One pipeline run, stage by stage, exactly as `Config::run` chains them.
/// A spec that `validate` rejects still goes through the later stages, so
/// that a spec over the generator's size limit can be measured.
fn run_pipeline(spec: &Path, scratch: &Path) -> Run {
    let fail = |err: telnyx_codegen::Error| -> ! {
        panic!("{} does not generate:\n{err}", spec.display())
    };
    let mut times = [Duration::ZERO; 6];

    let start = Instant::now();
    let loaded = load::load(spec).unwrap_or_else(|err| fail(err));
    times[0] = start.elapsed();

    let start = Instant::now();
    let validated = validate::validate(&loaded);
    times[1] = start.elapsed();
    let rejected = validated.as_ref().err().map(|err| {
        err.to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned()
    });
    // The IR is built from what validation proved; over the item limit,
    // validate again without it (untimed) to measure the later stages.
    let checked = validated
        .or_else(|_| validate::validate_with_limit(&loaded, usize::MAX))
        .unwrap_or_else(|err| fail(err));

    let start = Instant::now();
    let ir = ir::build(&checked).unwrap_or_else(|err| fail(err));
    times[2] = start.elapsed();

    let start = Instant::now();
    let options = emit::EmitOptions::default();
    let files = format::emit_and_format(&emit::Plan::new(&ir, &options))
        .unwrap_or_else(|err| fail(err.into()));
    times[3] = start.elapsed();

    let out = tempfile::tempdir_in(scratch).expect("output directory");
    let start = Instant::now();
    write::write_files(out.path(), &files).unwrap_or_else(|err| fail(err.into()));
    times[4] = start.elapsed();

    let start = Instant::now();
    let rewritten = write::write_files(out.path(), &files).unwrap_or_else(|err| fail(err.into()));
    times[5] = start.elapsed();
    assert_eq!(rewritten, 0, "an up-to-date output must not be rewritten");

    let operations = loaded
        .resources
        .values()
        .map(|resource| resource.value.operations.len())
        .sum();
    Run {
        times,
        operations,
        types: loaded.types.len(),
        files: files.len(),
        bytes: files.iter().map(|file| file.contents.len()).sum(),
        rejected,
    }
}

fn print_stage_table(results: &[Measured]) {
    print!(
        "{:<6} {:>6} {:>6} {:>6} {:>9} {:>5}",
        "spec", "ops", "types", "files", "out KiB", "runs"
    );
    for stage in STAGES {
        print!(" {stage:>12}");
    }
    println!(" {:>12}", "total ms");
    for result in results {
        print!(
            "{:<6} {:>6} {:>6} {:>6} {:>9} {:>5}",
            result.label,
            result.operations,
            result.types,
            result.output_files,
            result.output_bytes / 1024,
            result.runs
        );
        for stage in result.stages {
            print!(" {:>12}", ms(stage));
        }
        println!(" {:>12}", ms(result.total));
    }
    println!("   (stage columns in ms; total = median of per-run load..write(fresh))");
    for result in results {
        if let Some(reason) = &result.rejected {
            println!(
                "   {}: validate REJECTS this spec, so `generate` exits 1 on it; the later stages \
                 were run anyway:\n     {reason}",
                result.label
            );
        }
    }
}

fn print_dominant(results: &[Measured]) {
    for result in results {
        let sum: Duration = result.stages[..FRESH].iter().sum();
        let (index, top) = result.stages[..FRESH]
            .iter()
            .enumerate()
            .max_by_key(|(_, time)| **time)
            .expect("five stages");
        let shares: Vec<String> = STAGES[..FRESH]
            .iter()
            .zip(&result.stages[..FRESH])
            .map(|(name, time)| format!("{name} {:.0}%", share(*time, sum)))
            .collect();
        println!(
            "dominant stage on {}: {} ({:.0}% of the stage sum; {})",
            result.label,
            STAGES[index],
            share(*top, sum),
            shares.join(", ")
        );
    }
}

/// Splits the emit+format stage. Serially, file by file: emitting the
/// tokens, `syn::parse2` of them, and the rest (prettyplease and headers:
/// the one-thread stage minus both); then the stage on one thread and on
/// every core, alternating, checking that the bytes are the same.
fn print_format_split(label: &str, spec: &Path, runs: usize) {
    let (_, ir) = telnyx_codegen::load_ir(spec).expect("spec");
    let options = emit::EmitOptions::default();
    let plan = emit::Plan::new(&ir, &options);
    let (mut emitting, mut parse) = (vec![], vec![]);
    let (mut serial, mut whole) = (vec![], vec![]);
    for _ in 0..runs {
        let start = Instant::now();
        let emitted = emit::emit(&ir, &options);
        emitting.push(start.elapsed());
        let tokens: Vec<_> = emitted
            .into_iter()
            .filter_map(|file| match file.content {
                emit::FileContent::Rust(tokens) => Some(tokens),
                emit::FileContent::Text(_) => None,
            })
            .collect();
        let start = Instant::now();
        for stream in tokens {
            black_box(syn::parse2::<syn::File>(stream).expect("generated code parses"));
        }
        parse.push(start.elapsed());
        let start = Instant::now();
        let one = format::emit_and_format_on(&plan, 1).expect("format");
        serial.push(start.elapsed());
        let start = Instant::now();
        let all = format::emit_and_format(&plan).expect("format");
        whole.push(start.elapsed());
        assert_eq!(one, all, "one thread and all differ");
    }
    let (emitting, parse) = (median(&emitting), median(&parse));
    let (serial, whole) = (median(&serial), median(&whole));
    println!(
        "emit+format stage on {label}: {} ms on {} threads, {} ms on one (alternating runs, same bytes).\n   \
         Serially: emit {} ms; syn::parse2 of the emitted tokens {} ms; the rest (prettyplease, \
         headers) {} ms",
        ms(whole),
        std::thread::available_parallelism().map_or(1, usize::from),
        ms(serial),
        ms(emitting),
        ms(parse),
        ms(serial.saturating_sub(emitting + parse)),
    );
}

fn share(part: Duration, whole: Duration) -> f64 {
    if whole.is_zero() {
        0.0
    } else {
        100.0 * part.as_secs_f64() / whole.as_secs_f64()
    }
}

fn print_scaling(results: &[Measured]) {
    let Some(base) = results.first() else { return };
    if results.len() < 2 {
        return;
    }
    println!();
    println!(
        "== scaling vs {} (time ratio / size ratio: 1.00 is linear, below is better, above is worse)",
        base.label
    );
    for result in &results[1..] {
        let ops_ratio = result.operations as f64 / base.operations as f64;
        let types_ratio = result.types as f64 / base.types as f64;
        let time_ratio = result.total.as_secs_f64() / base.total.as_secs_f64();
        println!(
            "{}: {:.1}x operations, {:.1}x types, total time {:.1}x -> {:.2} per unit of size",
            result.label,
            ops_ratio,
            types_ratio,
            time_ratio,
            time_ratio / ops_ratio
        );
        let per_stage: Vec<String> = STAGES[..FRESH]
            .iter()
            .enumerate()
            .map(|(index, name)| {
                let ratio = result.stages[index].as_secs_f64() / base.stages[index].as_secs_f64();
                format!("{name} {:.2}", ratio / ops_ratio)
            })
            .collect();
        println!(
            "      per stage, per unit of size: {}",
            per_stage.join(", ")
        );
    }
}

/// The release binary: `TELNYX_CODEGEN_BIN`, else `release/telnyx-codegen`
/// in the target directory, if it exists.
fn codegen_binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("TELNYX_CODEGEN_BIN") {
        return Some(PathBuf::from(path));
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace_root().join("target"), PathBuf::from);
    let binary = target.join("release").join("telnyx-codegen");
    binary.exists().then_some(binary)
}

/// Median wall time of the whole process, into a fresh output directory
/// (removed before each run, untimed) and into an up-to-date one.
fn whole_process(binary: &Path, label: &str, spec: &Path, runs: usize, scratch: &Path) {
    let out = scratch.join(format!("whole-{label}"));
    // A probe run: a spec the generator rejects (its size limit) is reported, not timed.
    let start = Instant::now();
    let probe = Command::new(binary)
        .args(["generate", "--spec"])
        .arg(spec)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run telnyx-codegen");
    if !probe.status.success() {
        let stderr = String::from_utf8_lossy(&probe.stderr);
        println!(
            "{label:<5} REJECTED by the generator after {} ms (exit {}): {}",
            ms(start.elapsed()),
            probe.status.code().unwrap_or(-1),
            stderr.lines().next().unwrap_or_default()
        );
        return;
    }
    let run = || {
        let start = Instant::now();
        let status = Command::new(binary)
            .args(["generate", "--spec"])
            .arg(spec)
            .arg("--out")
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run telnyx-codegen");
        let elapsed = start.elapsed();
        assert!(
            status.success(),
            "telnyx-codegen generate failed on {}",
            spec.display()
        );
        elapsed
    };
    let mut fresh = Vec::with_capacity(runs);
    for _ in 0..runs {
        let _ = std::fs::remove_dir_all(&out);
        fresh.push(run());
    }
    let mut same = Vec::with_capacity(runs);
    for _ in 0..runs {
        same.push(run());
    }
    let _ = std::fs::remove_dir_all(&out);
    let describe = |samples: &[Duration]| {
        format!(
            "median {} ms (min {}, max {})",
            ms(median(samples)),
            ms(samples.iter().copied().min().unwrap_or_default()),
            ms(samples.iter().copied().max().unwrap_or_default()),
        )
    };
    println!(
        "{label:<5} fresh out dir:      {} over {runs} runs",
        describe(&fresh)
    );
    println!(
        "{label:<5} up-to-date out dir: {} over {runs} runs",
        describe(&same)
    );
}
