//! Support code of the telnyx-sip benchmarks (see `BENCHMARKS.md` at the
//! workspace root): the synthetic spec maker used by the scaling figures,
//! and small helpers the bench targets share.
//!
//! The benches themselves live in `benches/`: `generate` (stage times,
//! scaling, whole-process time), `decode` (decode and encode throughput of
//! the generated types against plain derives) and `client` (requests per
//! second of the generated client against bare reqwest).

pub mod synth;

use std::path::PathBuf;
use std::time::Duration;

/// The workspace root: the parent of this crate's directory.
pub fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map_or_else(|| manifest_dir.clone(), PathBuf::from)
}

/// The median of `values` (the mean of the middle two for an even count);
/// zero for none.
pub fn median(values: &[Duration]) -> Duration {
    let mut sorted = values.to_vec();
    sorted.sort();
    match sorted.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => sorted.get(n / 2).copied().unwrap_or_default(),
        n => {
            let low = sorted.get(n / 2 - 1).copied().unwrap_or_default();
            let high = sorted.get(n / 2).copied().unwrap_or_default();
            (low + high) / 2
        }
    }
}

/// The median of `values`; `NaN` for none.
pub fn median_f64(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted.get(n / 2).copied().unwrap_or(f64::NAN),
        n => {
            let low = sorted.get(n / 2 - 1).copied().unwrap_or(f64::NAN);
            let high = sorted.get(n / 2).copied().unwrap_or(f64::NAN);
            (low + high) / 2.0
        }
    }
}

/// A duration in milliseconds with three decimals, for tables.
pub fn ms(duration: Duration) -> String {
    format!("{:.3}", duration.as_secs_f64() * 1e3)
}

/// Whether the harness was started by `cargo bench` (which passes
/// `--bench`) rather than by `cargo test --benches`, where a bench should
/// only show that it still runs.
pub fn is_bench_run() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}
