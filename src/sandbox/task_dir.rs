//! The host directory behind `/var/task`: the service directory itself, or `package.artifact`
//! unzipped into a fresh directory (deleted with the [`TaskDir`]). Unzipping writes only
//! through a `cap-std` handle of that directory, and entries that try to leave it (`../`,
//! absolute paths, symlinks pointing out) are refused.

use crate::exit::UsageError;
use anyhow::Context as _;
use cap_std::ambient_authority;
use cap_std::fs::Dir;
use std::io::Read as _;
use std::path::{Component, Path, PathBuf};

/// Lambda's limit on the unzipped size of a deployment package.
pub const MAX_UNZIPPED_BYTES: u64 = 250 << 20;

/// The code directory of one sandbox.
#[derive(Debug)]
pub struct TaskDir {
    path: PathBuf,
    _unzipped: Option<tempfile::TempDir>,
}

impl TaskDir {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The service directory, or `artifact` unzipped. `key` names the setting for errors
/// (`functions.hello.package.artifact`).
pub fn prepare(service_dir: &Path, artifact: Option<&Path>, key: &str) -> anyhow::Result<TaskDir> {
    let Some(artifact) = artifact else {
        return Ok(TaskDir {
            path: service_dir.to_path_buf(),
            _unzipped: None,
        });
    };
    let file = std::fs::File::open(artifact).map_err(|e| {
        UsageError::new(format!("{key}: cannot open {}: {e}", artifact.display()))
            .hint("build the package first (e.g. `serverless package`) or fix the path")
    })?;
    let tmp = tempfile::Builder::new()
        .prefix("lambdabox-task-")
        .tempdir()
        .context("creating the code directory")?;
    let dir = Dir::open_ambient_dir(tmp.path(), ambient_authority())
        .context("opening the code directory")?;
    unzip(file, &dir).map_err(|e| match e {
        UnzipError::Hostile(why) => anyhow::Error::new(
            UsageError::new(format!(
                "{key}: {} is not a safe archive: {why}",
                artifact.display()
            ))
            .hint("lambdabox refuses archives whose entries would land outside the package"),
        ),
        UnzipError::Bad(why) => anyhow::Error::new(UsageError::new(format!(
            "{key}: cannot unzip {}: {why}",
            artifact.display()
        ))),
    })?;
    Ok(TaskDir {
        path: tmp.path().to_path_buf(),
        _unzipped: Some(tmp),
    })
}

#[derive(Debug)]
enum UnzipError {
    Hostile(String),
    Bad(String),
}

/// A relative path that stays inside the archive root, or why not.
fn inside(name: &str) -> Result<PathBuf, String> {
    let path = Path::new(name);
    let mut clean = PathBuf::new();
    for part in path.components() {
        match part {
            Component::Normal(p) => clean.push(p),
            Component::CurDir => {}
            Component::ParentDir => return Err(format!("entry `{name}` climbs out with `..`")),
            Component::RootDir | Component::Prefix(_) => {
                return Err(format!("entry `{name}` is an absolute path"))
            }
        }
    }
    if name.contains('\\') {
        return Err(format!("entry `{name}` contains a backslash"));
    }
    Ok(clean)
}

/// Whether a symlink at `link` (relative to the root) pointing at `target` stays inside.
fn link_stays_inside(link: &Path, target: &str) -> bool {
    if Path::new(target).is_absolute() {
        return false;
    }
    let mut depth = link.components().count() as i64 - 1;
    for part in Path::new(target).components() {
        match part {
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            _ => return false,
        }
        if depth < 0 {
            return false;
        }
    }
    true
}

fn unzip(file: std::fs::File, dir: &Dir) -> Result<(), UnzipError> {
    let bad = |e: &dyn std::fmt::Display| UnzipError::Bad(e.to_string());
    let mut archive = zip::ZipArchive::new(file).map_err(|e| bad(&e))?;
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| bad(&e))?;
        let name = entry.name().to_owned();
        let path = inside(&name).map_err(UnzipError::Hostile)?;
        if path.as_os_str().is_empty() {
            continue;
        }
        if entry.is_dir() {
            dir.create_dir_all(&path)
                .map_err(|e| bad(&format!("{name}: {e}")))?;
            continue;
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            dir.create_dir_all(parent)
                .map_err(|e| bad(&format!("{name}: {e}")))?;
        }
        if entry.is_symlink() {
            let mut target = String::new();
            entry
                .read_to_string(&mut target)
                .map_err(|e| bad(&format!("{name}: {e}")))?;
            if !link_stays_inside(&path, &target) {
                return Err(UnzipError::Hostile(format!(
                    "symlink `{name}` points outside the archive (`{target}`)"
                )));
            }
            dir.symlink(&target, &path)
                .map_err(|e| bad(&format!("{name}: {e}")))?;
            continue;
        }
        let mut out = dir
            .create(&path)
            .map_err(|e| bad(&format!("{name}: {e}")))?;
        let room = MAX_UNZIPPED_BYTES.saturating_sub(total);
        let written = std::io::copy(&mut (&mut entry).take(room + 1), &mut out)
            .map_err(|e| bad(&format!("{name}: {e}")))?;
        total += written;
        if total > MAX_UNZIPPED_BYTES {
            return Err(bad(&format!(
                "its unzipped size exceeds Lambda's limit of {MAX_UNZIPPED_BYTES} bytes"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;
    use zip::write::SimpleFileOptions;

    fn zip_with(
        entries: &[(&str, Option<&str>)],
        symlinks: &[(&str, &str)],
    ) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        let mut w = zip::ZipWriter::new(file.reopen().unwrap());
        for (name, body) in entries {
            match body {
                Some(b) => {
                    w.start_file(*name, SimpleFileOptions::default()).unwrap();
                    w.write_all(b.as_bytes()).unwrap();
                }
                None => w
                    .add_directory(*name, SimpleFileOptions::default())
                    .unwrap(),
            }
        }
        for (name, target) in symlinks {
            w.add_symlink(*name, *target, SimpleFileOptions::default())
                .unwrap();
        }
        w.finish().unwrap();
        file
    }

    fn err_of(r: anyhow::Result<TaskDir>) -> String {
        let e = r.unwrap_err();
        assert!(e.downcast_ref::<UsageError>().is_some(), "{e:#}");
        e.to_string()
    }

    #[test]
    fn unzips_files_dirs_and_inner_symlinks() {
        let z = zip_with(
            &[
                ("src/", None),
                ("src/h.js", Some("x")),
                ("./top.txt", Some("t")),
            ],
            &[("src/l", "h.js")],
        );
        let task = prepare(
            Path::new("/nonexistent"),
            Some(z.path()),
            "package.artifact",
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(task.path().join("src/h.js")).unwrap(),
            "x"
        );
        assert_eq!(
            std::fs::read_to_string(task.path().join("top.txt")).unwrap(),
            "t"
        );
        assert_eq!(
            std::fs::read_to_string(task.path().join("src/l")).unwrap(),
            "x"
        );
        let dir = task.path().to_path_buf();
        drop(task);
        assert!(!dir.exists());
    }

    #[test]
    fn refuses_entries_that_leave_the_archive() {
        let outside = tempfile::tempdir().unwrap();
        let victim = outside.path().join("victim");
        for (entries, links) in [
            (vec![("../victim", Some("x"))], vec![]),
            (vec![("a/../../victim", Some("x"))], vec![]),
            (vec![("/tmp/victim", Some("x"))], vec![]),
            (vec![], vec![("evil", "/etc")]),
            (vec![], vec![("a/evil", "../../etc")]),
        ] {
            let z = zip_with(&entries, &links);
            let msg = err_of(prepare(
                Path::new("/"),
                Some(z.path()),
                "functions.f.package.artifact",
            ));
            assert!(msg.starts_with("functions.f.package.artifact: "), "{msg}");
            assert!(msg.contains("not a safe archive"), "{msg}");
        }
        assert!(!victim.exists());
    }

    #[test]
    fn a_missing_artifact_is_a_usage_error() {
        let msg = err_of(prepare(
            Path::new("/"),
            Some(Path::new("/no/such.zip")),
            "package.artifact",
        ));
        assert!(msg.contains("/no/such.zip"), "{msg}");
    }

    #[test]
    fn symlink_targets_are_checked_against_their_depth() {
        assert!(link_stays_inside(Path::new("a/b/l"), "../c"));
        assert!(link_stays_inside(Path::new("a/l"), "../c"));
        assert!(!link_stays_inside(Path::new("l"), "../c"));
        assert!(!link_stays_inside(Path::new("a/l"), "/etc/passwd"));
    }
}
