//! The guest's writable `/tmp`: a fresh host directory per sandbox instance, deleted with it,
//! whose size is capped (measured by the guard while the guest runs and after each call).

use anyhow::Context as _;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct Scratch {
    dir: tempfile::TempDir,
    cap: u64,
}

impl Scratch {
    pub fn new(cap: u64) -> anyhow::Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("lambdabox-tmp-")
            .tempdir()
            .context("creating the sandbox's /tmp directory")?;
        Ok(Self { dir, cap })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn cap(&self) -> u64 {
        self.cap
    }

    pub fn over_cap(&self) -> bool {
        usage(self.dir.path()) > self.cap
    }
}

/// Bytes used by the files under `dir` (symlinks are not followed).
fn usage(dir: &Path) -> u64 {
    let mut total = 0u64;
    let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(entry.path());
            } else {
                total = total.saturating_add(meta.len());
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_nested_files_and_is_deleted_on_drop() {
        let s = Scratch::new(100).unwrap();
        std::fs::create_dir(s.path().join("a")).unwrap();
        std::fs::write(s.path().join("a/x"), vec![0u8; 60]).unwrap();
        assert!(!s.over_cap());
        std::fs::write(s.path().join("y"), vec![0u8; 60]).unwrap();
        assert!(s.over_cap());
        let path = s.path().to_path_buf();
        drop(s);
        assert!(!path.exists());
    }
}
