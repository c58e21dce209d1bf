//! `synth-spec --factor N --out DIR [--spec DIR]`: writes a synthetic spec
//! with N times the operations and types of the spec (default `spec`), for
//! the scaling benchmarks. See `telnyx_sip_benches::synth`.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: synth-spec --factor N --out DIR [--spec DIR]";

fn main() -> ExitCode {
    match run() {
        Ok(summary) => {
            eprintln!(
                "synth-spec: {}x spec: {} files, {} operations, {} types",
                summary.factor, summary.files, summary.operations, summary.types
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("synth-spec: {message}\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<telnyx_sip_benches::synth::Synthesized, String> {
    let mut spec = telnyx_sip_benches::workspace_root().join("spec");
    let mut out = None;
    let mut factor = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--spec" => spec = PathBuf::from(value()?),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--factor" => {
                let text = value()?;
                factor = Some(
                    text.parse::<usize>()
                        .map_err(|err| format!("--factor {text}: {err}"))?,
                );
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let out = out.ok_or("--out is required")?;
    let factor = factor.ok_or("--factor is required")?;
    telnyx_sip_benches::synth::synthesize(&spec, factor, &out)
        .map_err(|err| format!("{}: {err}", spec.display()))
}
