//! `useDotenv: true`: `.env.<stage>`, else `.env`, from the service directory, feeding `${env:…}`
//! resolution only (never the handler's environment). Variables already set in the host
//! environment win, as with dotenv.

use crate::exit::UsageError;
use std::collections::HashMap;
use std::path::Path;

/// Add the variables of the stage's dotenv file (if any) to `env`.
pub fn load_into(
    dir: &Path,
    stage: &str,
    env: &mut HashMap<String, String>,
) -> Result<(), UsageError> {
    let candidates = [dir.join(format!(".env.{stage}")), dir.join(".env")];
    let Some(file) = candidates.iter().find(|p| p.is_file()) else {
        return Ok(());
    };
    let entries = dotenvy::from_path_iter(file).map_err(|e| bad_file(file, &e))?;
    for entry in entries {
        let (key, value) = entry.map_err(|e| bad_file(file, &e))?;
        env.entry(key).or_insert(value);
    }
    Ok(())
}

fn bad_file(file: &Path, err: &dotenvy::Error) -> UsageError {
    UsageError::new(format!("{}: invalid dotenv file: {err}", file.display()))
        .hint("each line must be KEY=VALUE (loaded because serverless.yml sets useDotenv: true)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_file_wins_over_plain_env_file_and_host_wins_over_both() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".env"), "A=plain\n").unwrap();
        std::fs::write(dir.path().join(".env.prod"), "A=prod\nB=b\nC=${B}-c\n").unwrap();
        let mut env = HashMap::from([("B".to_owned(), "host".to_owned())]);
        load_into(dir.path(), "prod", &mut env).unwrap();
        assert_eq!(env["A"], "prod");
        assert_eq!(env["B"], "host");
        let mut env = HashMap::new();
        load_into(dir.path(), "dev", &mut env).unwrap();
        assert_eq!(env["A"], "plain");
    }

    #[test]
    fn missing_files_are_ignored_and_bad_ones_reported() {
        let dir = tempfile::tempdir().unwrap();
        let mut env = HashMap::new();
        load_into(dir.path(), "dev", &mut env).unwrap();
        assert!(env.is_empty());
        std::fs::write(dir.path().join(".env"), "A='unterminated\n").unwrap();
        let err = load_into(dir.path(), "dev", &mut env).unwrap_err();
        assert!(
            err.message.contains(".env: invalid dotenv file"),
            "{}",
            err.message
        );
    }
}
