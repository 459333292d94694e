//! The exit-code contract (DESIGN §1), mapped in one place.
//!
//! 0 success · 1 the function failed · 2 usage or configuration error · 3 internal error.

use std::fmt;

/// What a command achieved when lambdabox itself did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The function failed (handler error, timeout, out of memory, crash inside the sandbox,
    /// remote `FunctionError`). Its error document has already been printed.
    FunctionFailed,
}

/// An error in lambdabox's own input: a bad flag, a bad serverless.yml, an unknown function, a
/// missing event file. Exits 2. `message` names the file, the key path and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError {
    pub message: String,
    pub hints: Vec<String>,
}

impl UsageError {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hints: Vec::new(),
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UsageError {}

/// The one mapping from a command's result to the process exit code.
pub fn exit_code(result: &anyhow::Result<Outcome>) -> u8 {
    match result {
        Ok(Outcome::Success) => 0,
        Ok(Outcome::FunctionFailed) => 1,
        Err(err) if err.downcast_ref::<UsageError>().is_some() => 2,
        // `--help` and `--version` arrive as clap errors that are not failures.
        Err(err)
            if err
                .downcast_ref::<clap::Error>()
                .is_some_and(|e| !e.use_stderr()) =>
        {
            0
        }
        Err(err) if err.downcast_ref::<clap::Error>().is_some() => 2,
        // What a process killed by SIGPIPE reports (Rust ignores the signal, so we see EPIPE).
        Err(err) if is_broken_pipe(err) => 141,
        Err(_) => 3,
    }
}

/// stdout's reader went away (`lambdabox … | head`): not a lambdabox failure, nothing to say.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Print an error as `error: …` plus `hint: …` lines on stderr.
pub fn report(err: &anyhow::Error) {
    if is_broken_pipe(err) {
        return;
    }
    if let Some(clap_err) = err.downcast_ref::<clap::Error>() {
        let _ = clap_err.print();
        return;
    }
    eprintln!("error: {err:#}");
    if let Some(usage) = err.downcast_ref::<UsageError>() {
        for hint in &usage.hints {
            eprintln!("hint: {hint}");
        }
    } else {
        eprintln!(
            "hint: this is a bug in lambdabox; please report it with the command that caused it"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_every_class_of_result() {
        assert_eq!(exit_code(&Ok(Outcome::Success)), 0);
        assert_eq!(exit_code(&Ok(Outcome::FunctionFailed)), 1);
        let usage = anyhow::Error::new(UsageError::new("bad")).context("reading serverless.yml");
        assert_eq!(exit_code(&Err(usage)), 2);
        assert_eq!(exit_code(&Err(anyhow::anyhow!("boom"))), 3);
        let help = clap::Command::new("x")
            .try_get_matches_from(["x", "--help"])
            .unwrap_err();
        assert_eq!(exit_code(&Err(help.into())), 0);
        let bad = clap::Command::new("x")
            .try_get_matches_from(["x", "--nope"])
            .unwrap_err();
        assert_eq!(exit_code(&Err(bad.into())), 2);
        let pipe = anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
            .context("writing the result");
        assert_eq!(exit_code(&Err(pipe)), 141);
    }
}
