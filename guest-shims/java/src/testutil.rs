//! Test helpers: compile Java sources with the real `javac` into a fresh temp directory.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Compiled {
    pub dir: tempfile::TempDir,
}

impl Compiled {
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn class_bytes(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.dir.path().join(format!("{name}.class"))).expect("class file")
    }
}

/// Compiles `(file name, source)` pairs with `javac --release <release>`.
pub fn javac(sources: &[(&str, &str)], release: &str) -> Compiled {
    let src = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = Vec::new();
    for (name, text) in sources {
        let p = src.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        files.push(p);
    }
    let status = Command::new("javac")
        .arg("--release")
        .arg(release)
        .arg("-g:source,lines")
        .arg("-d")
        .arg(out.path())
        .args(&files)
        .status()
        .expect("javac must be installed to run these tests");
    assert!(status.success(), "javac failed");
    Compiled { dir: out }
}

/// Path of a fixture under `tests/fixtures/java/` in the repository.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/java")
        .join(rel)
}
