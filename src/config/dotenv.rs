//! `useDotenv: true`: `.env.<stage>`, else `.env`, from the service directory, feeding `${env:…}`
//! resolution only (never the handler's environment). Parsed like Node's `dotenv` +
//! `dotenv-expand`, which Serverless uses: `KEY=VALUE` lines, optional `export `, `#` comments,
//! single/double/backtick quotes (double quotes expand `\n`), `${VAR}`/`$VAR` expansion outside
//! single quotes, lines that are not assignments ignored. Variables already set in the host
//! environment win.

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
    let bytes = std::fs::read(file).map_err(|e| {
        UsageError::new(format!(
            "{}: cannot read the dotenv file: {e}",
            file.display()
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        UsageError::new(format!(
            "{}: the dotenv file is not UTF-8 text",
            file.display()
        ))
        .hint("it is loaded because serverless.yml sets useDotenv: true")
    })?;
    let entries = parse(&text);
    let mut expanded: HashMap<String, String> = HashMap::new();
    for entry in &entries {
        let value = if entry.expand {
            expand(&entry.value, env, &expanded)
        } else {
            entry.value.clone()
        };
        expanded.insert(entry.key.clone(), value);
    }
    for entry in entries {
        if let Some(value) = expanded.remove(&entry.key) {
            env.entry(entry.key).or_insert(value);
        }
    }
    Ok(())
}

#[derive(Debug, PartialEq, Eq)]
struct Entry {
    key: String,
    value: String,
    /// false for single-quoted values.
    expand: bool,
}

/// The assignments of a dotenv file, in order (a later one of the same key wins).
fn parse(text: &str) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let line = line.trim_start();
        let line = line
            .strip_prefix("export ")
            .map(str::trim_start)
            .unwrap_or(line);
        let Some((key, rest)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim_end();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        {
            continue;
        }
        let rest = rest.trim_start();
        let (value, expand) = match rest.chars().next() {
            Some(quote @ ('"' | '\'' | '`')) => {
                // A quoted value may span lines up to its closing quote.
                let mut body = rest[1..].to_owned();
                let value = loop {
                    if let Some(end) = closing_quote(&body, quote) {
                        break Some(body[..end].to_owned());
                    }
                    match lines.next() {
                        Some(next) => {
                            body.push('\n');
                            body.push_str(next);
                        }
                        None => break None,
                    }
                };
                match value {
                    Some(v) if quote == '"' => (v.replace("\\n", "\n").replace("\\r", "\r"), true),
                    Some(v) => (v, quote != '\''),
                    // Unterminated: dotenv takes the text as it is.
                    None => (rest.trim_end().to_owned(), true),
                }
            }
            _ => {
                let value = match rest.find(" #") {
                    Some(comment) => &rest[..comment],
                    None if rest.starts_with('#') => "",
                    None => rest,
                };
                (value.trim().to_owned(), true)
            }
        };
        entries.retain(|e| e.key != key);
        entries.push(Entry {
            key: key.to_owned(),
            value,
            expand,
        });
    }
    entries
}

/// The index of the closing `quote` in `body` (a backslash escapes a quote).
fn closing_quote(body: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            c if c == quote => return Some(i),
            _ => {}
        }
    }
    None
}

/// dotenv-expand: `${NAME}`, `${NAME:-default}` and `$NAME` from the host environment, else from
/// the file's earlier values; `\$` is a literal `$`.
fn expand(value: &str, host: &HashMap<String, String>, file: &HashMap<String, String>) -> String {
    let lookup = |name: &str| host.get(name).or_else(|| file.get(name)).cloned();
    let mut out = String::new();
    let mut rest = value;
    while let Some(i) = rest.find(['$', '\\']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("\\$") {
            out.push('$');
            rest = after;
        } else if let Some(after) = tail.strip_prefix('\\') {
            out.push('\\');
            rest = after;
        } else if let Some(braced) = tail.strip_prefix("${") {
            match braced.find('}') {
                Some(end) => {
                    let inner = &braced[..end];
                    let (name, default) = match inner.split_once(":-") {
                        Some((name, default)) => (name, Some(default)),
                        None => (inner, None),
                    };
                    out.push_str(
                        &lookup(name)
                            .or(default.map(str::to_owned))
                            .unwrap_or_default(),
                    );
                    rest = &braced[end + 1..];
                }
                None => {
                    out.push_str(tail);
                    rest = "";
                }
            }
        } else {
            let name_len = tail[1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(tail.len() - 1);
            if name_len == 0 {
                out.push('$');
            } else {
                out.push_str(&lookup(&tail[1..=name_len]).unwrap_or_default());
            }
            rest = &tail[1 + name_len..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str) -> Vec<(String, String)> {
        parse(text).into_iter().map(|e| (e.key, e.value)).collect()
    }

    #[test]
    fn parses_like_node_dotenv() {
        let text = "# comment\nA=plain value \nexport B = 'single $X'\nC=\"dq\\nline\"\nD=`tick`\nE=value # comment\n\
                    F=\nnot an assignment\nG=\"multi\nline\"\nA=again\n";
        assert_eq!(
            entries(text),
            [
                ("B".into(), "single $X".into()),
                ("C".into(), "dq\nline".into()),
                ("D".into(), "tick".into()),
                ("E".into(), "value".into()),
                ("F".into(), "".into()),
                ("G".into(), "multi\nline".into()),
                ("A".into(), "again".into()),
            ]
        );
    }

    #[test]
    fn expands_variables() {
        let host = HashMap::from([("HOST".to_owned(), "h".to_owned())]);
        let file = HashMap::from([("BASE".to_owned(), "b".to_owned())]);
        assert_eq!(
            expand("${BASE}-$HOST-${NOPE:-d}-\\$HOST-$", &host, &file),
            "b-h-d-$HOST-$"
        );
        assert_eq!(expand("${UNCLOSED", &host, &file), "${UNCLOSED");
        assert_eq!(expand("a\\b", &host, &file), "a\\b");
    }

    #[test]
    fn stage_file_wins_over_plain_env_file_and_host_wins_over_both() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".env"), "A=plain\n").unwrap();
        std::fs::write(
            dir.path().join(".env.prod"),
            "A=prod value\nB=b\nC=${B}-c\nD='${B}'\n",
        )
        .unwrap();
        let mut env = HashMap::from([("B".to_owned(), "host".to_owned())]);
        load_into(dir.path(), "prod", &mut env).unwrap();
        assert_eq!(env["A"], "prod value");
        assert_eq!(env["B"], "host");
        assert_eq!(env["C"], "host-c");
        assert_eq!(env["D"], "${B}");
        let mut env = HashMap::new();
        load_into(dir.path(), "dev", &mut env).unwrap();
        assert_eq!(env["A"], "plain");
    }

    #[test]
    fn missing_files_are_ignored_and_unreadable_ones_reported() {
        let dir = tempfile::tempdir().unwrap();
        let mut env = HashMap::new();
        load_into(dir.path(), "dev", &mut env).unwrap();
        assert!(env.is_empty());
        std::fs::write(dir.path().join(".env"), b"A=\xff\n").unwrap();
        let err = load_into(dir.path(), "dev", &mut env).unwrap_err();
        assert!(
            err.message
                .ends_with(".env: the dotenv file is not UTF-8 text"),
            "{}",
            err.message
        );
    }
}
