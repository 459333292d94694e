//! The `lambdabox runtimes` command: list, install and verify the pinned runtime artifacts.

use super::artifacts::{self, Artifact, Installed, Store, Verified};
use crate::cli::runtimes::{InstallArgs, RuntimesCommand};
use crate::exit::{Outcome, UsageError};
use std::io::Write;
use std::path::Path;

/// Run `lambdabox runtimes …`.
pub fn run(command: &RuntimesCommand) -> anyhow::Result<Outcome> {
    let store = Store::from_env();
    let mut out = std::io::stdout().lock();
    match command {
        RuntimesCommand::List => list(&store, &mut out),
        RuntimesCommand::Install(args) => install(&store, args, &mut out),
        RuntimesCommand::Verify => verify(&store, &mut out),
    }
}

fn list(store: &Store, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    writeln!(
        out,
        "{:<8} {:<8} {:<13} {:<9} {:<64} PATH",
        "RUNTIME", "VERSION", "STATE", "COMPILED", "SHA256"
    )?;
    for artifact in artifacts::ALL {
        let (state, path) = match store.installed(artifact) {
            Installed::Present(path) => ("installed", path.display().to_string()),
            Installed::Missing => ("not installed", "-".to_owned()),
        };
        let compiled = if is_prepared(store, artifact) {
            "yes"
        } else {
            "no"
        };
        writeln!(
            out,
            "{:<8} {:<8} {:<13} {:<9} {:<64} {path}",
            artifact.runtime, artifact.version, state, compiled, artifact.sha256
        )?;
    }
    writeln!(out, "cache: {}", store.root().display())?;
    Ok(Outcome::Success)
}

fn install(store: &Store, args: &InstallArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let chosen: Vec<&'static Artifact> = match &args.runtime {
        Some(name) => vec![artifacts::find(name).ok_or_else(|| unknown_runtime(name))?],
        None => artifacts::ALL.iter().collect(),
    };
    let Some(source) = &args.from else {
        let mut err = UsageError::new("runtimes install: no file given (--from FILE)");
        for artifact in &chosen {
            err = err
                .hint(format!("{}: {}", artifact.runtime, artifact.obtain))
                .hint(artifact.install_command());
        }
        return Err(err.into());
    };
    let (artifact, path) = match chosen.as_slice() {
        [one] => (*one, store.install_from(one, source)?),
        // No runtime named: the one whose pin the file matches.
        many => many
            .iter()
            .find_map(|a| store.install_from(a, source).ok().map(|path| (*a, path)))
            .ok_or_else(|| {
                UsageError::new(format!(
                    "{}: carries none of the pinned runtimes",
                    source.display()
                ))
                .hint("name the runtime to see why: lambdabox runtimes install RUNTIME --from FILE")
            })?,
    };
    eprintln!(
        "  Verified sha256 {} of {}",
        artifact.sha256,
        source.display()
    );
    prepare(store, artifact, &path)?;
    writeln!(
        out,
        "installed {} {} at {}",
        artifact.runtime,
        artifact.version,
        path.display()
    )?;
    Ok(Outcome::Success)
}

fn verify(store: &Store, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let mut corrupt = Vec::new();
    for artifact in artifacts::ALL {
        match store.verify(artifact)? {
            Verified::Ok(path) => writeln!(
                out,
                "{} {}: ok ({})",
                artifact.runtime,
                artifact.version,
                path.display()
            )?,
            Verified::Missing => writeln!(
                out,
                "{} {}: not installed",
                artifact.runtime, artifact.version
            )?,
            Verified::Corrupt { path, actual } => {
                writeln!(
                    out,
                    "{} {}: CORRUPT ({}: sha256 {actual})",
                    artifact.runtime,
                    artifact.version,
                    path.display()
                )?;
                corrupt.push(artifact);
            }
        }
    }
    match corrupt.as_slice() {
        [] => Ok(Outcome::Success),
        bad => {
            let mut err = UsageError::new(format!(
                "installed runtime files do not match their pinned sha256: {}",
                bad.iter().map(|a| a.runtime).collect::<Vec<_>>().join(", ")
            ));
            for artifact in bad {
                err = err.hint(format!("reinstall: {}", artifact.install_command()));
            }
            Err(err.into())
        }
    }
}

fn unknown_runtime(name: &str) -> UsageError {
    let known: Vec<&str> = artifacts::ALL.iter().map(|a| a.runtime).collect();
    UsageError::new(format!("runtimes install: unknown runtime `{name}`"))
        .hint(format!("installable runtimes: {}", known.join(", ")))
        .hint("the Node.js and Java runtimes are built into lambdabox and need no install")
}

/// Compile the interpreter and whatever else the runtime prepares, so the first invocation
/// does not pay for it.
fn prepare(store: &Store, artifact: &Artifact, path: &Path) -> anyhow::Result<()> {
    match artifact.runtime {
        "python" => super::python::prepare(store, path),
        _ => Ok(()),
    }
}

fn is_prepared(store: &Store, artifact: &Artifact) -> bool {
    match artifact.runtime {
        "python" => super::python::is_prepared(store),
        _ => false,
    }
}
