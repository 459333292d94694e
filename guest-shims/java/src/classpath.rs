//! Where class files come from: the embedded class library, the function's directory of
//! classes (`/var/task`, as Lambda extracts the artifact), and jars (`lib/*.jar`, or a jar
//! given directly). Jars are indexed when opened; class bytes are read only when a class is
//! first loaded (lazy loading).

use std::collections::HashMap;
use std::fs;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ClassPathError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not a valid jar/zip: {reason}")]
    BadJar { path: String, reason: String },
}

enum Source {
    Dir(PathBuf),
    Jar {
        path: String,
        archive: zip::ZipArchive<Cursor<Vec<u8>>>,
    },
    Embedded(HashMap<&'static str, &'static [u8]>),
}

#[derive(Default)]
pub struct ClassPath {
    sources: Vec<Source>,
}

impl ClassPath {
    pub fn new() -> Self {
        ClassPath::default()
    }

    /// Classes embedded in the binary (the class library): `(internal name, bytes)`.
    pub fn add_embedded(&mut self, classes: &[(&'static str, &'static [u8])]) {
        self.sources
            .push(Source::Embedded(classes.iter().copied().collect()));
    }

    pub fn add_dir(&mut self, dir: impl Into<PathBuf>) {
        self.sources.push(Source::Dir(dir.into()));
    }

    pub fn add_jar_bytes(&mut self, path: &str, bytes: Vec<u8>) -> Result<(), ClassPathError> {
        let archive =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ClassPathError::BadJar {
                path: path.into(),
                reason: e.to_string(),
            })?;
        self.sources.push(Source::Jar {
            path: path.into(),
            archive,
        });
        Ok(())
    }

    pub fn add_jar(&mut self, path: &Path) -> Result<(), ClassPathError> {
        let bytes = fs::read(path).map_err(|source| ClassPathError::Io {
            path: path.display().to_string(),
            source,
        })?;
        self.add_jar_bytes(&path.display().to_string(), bytes)
    }

    /// The Lambda layout of a task root: the directory itself, then `lib/*.jar` (sorted),
    /// then any `*.jar` at the top level (an unextracted artifact).
    pub fn add_task_root(&mut self, root: &Path) -> Result<(), ClassPathError> {
        self.add_dir(root);
        for dir in [root.join("lib"), root.to_path_buf()] {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            let mut jars: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "jar" || x == "zip"))
                .collect();
            jars.sort();
            for jar in jars {
                self.add_jar(&jar)?;
            }
        }
        Ok(())
    }

    /// The bytes of class `name` (internal form, `pkg/Name`), from the first source having it.
    pub fn find(&mut self, name: &str) -> Result<Option<Vec<u8>>, ClassPathError> {
        let file = format!("{name}.class");
        for source in &mut self.sources {
            match source {
                Source::Embedded(map) => {
                    if let Some(bytes) = map.get(name) {
                        return Ok(Some(bytes.to_vec()));
                    }
                }
                Source::Dir(dir) => {
                    let path = dir.join(&file);
                    match fs::read(&path) {
                        Ok(bytes) => return Ok(Some(bytes)),
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {}
                        Err(source) => {
                            return Err(ClassPathError::Io {
                                path: path.display().to_string(),
                                source,
                            })
                        }
                    }
                }
                Source::Jar { path, archive } => {
                    let mut entry = match archive.by_name(&file) {
                        Ok(e) => e,
                        Err(zip::result::ZipError::FileNotFound) => continue,
                        Err(e) => {
                            return Err(ClassPathError::BadJar {
                                path: path.clone(),
                                reason: e.to_string(),
                            })
                        }
                    };
                    let mut bytes = Vec::with_capacity(entry.size() as usize);
                    entry
                        .read_to_end(&mut bytes)
                        .map_err(|e| ClassPathError::BadJar {
                            path: path.clone(),
                            reason: format!("{file}: {e}"),
                        })?;
                    return Ok(Some(bytes));
                }
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn jar(entries: &[(&str, &[u8], zip::CompressionMethod)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes, method) in entries {
            w.start_file(
                *name,
                SimpleFileOptions::default().compression_method(*method),
            )
            .unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn finds_classes_in_stored_and_deflated_jars_in_order() {
        let mut cp = ClassPath::new();
        cp.add_embedded(&[("java/lang/Object", b"embedded")]);
        let j = jar(&[
            (
                "a/Stored.class",
                b"stored bytes",
                zip::CompressionMethod::Stored,
            ),
            (
                "a/Deflated.class",
                &[7u8; 5000],
                zip::CompressionMethod::Deflated,
            ),
            (
                "java/lang/Object.class",
                b"shadowed",
                zip::CompressionMethod::Stored,
            ),
        ]);
        cp.add_jar_bytes("fn.jar", j).unwrap();
        assert_eq!(cp.find("a/Stored").unwrap().unwrap(), b"stored bytes");
        assert_eq!(cp.find("a/Deflated").unwrap().unwrap(), vec![7u8; 5000]);
        assert_eq!(cp.find("java/lang/Object").unwrap().unwrap(), b"embedded");
        assert!(cp.find("a/Missing").unwrap().is_none());
    }

    #[test]
    fn task_root_reads_dir_then_lib_jars() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("p")).unwrap();
        std::fs::write(root.path().join("p/A.class"), b"dir").unwrap();
        std::fs::create_dir_all(root.path().join("lib")).unwrap();
        let j = jar(&[
            ("p/A.class", b"jar", zip::CompressionMethod::Deflated),
            ("q/B.class", b"jarB", zip::CompressionMethod::Deflated),
        ]);
        std::fs::write(root.path().join("lib/dep.jar"), j).unwrap();
        let mut cp = ClassPath::new();
        cp.add_task_root(root.path()).unwrap();
        assert_eq!(cp.find("p/A").unwrap().unwrap(), b"dir");
        assert_eq!(cp.find("q/B").unwrap().unwrap(), b"jarB");
    }

    #[test]
    fn corrupt_jar_is_an_error() {
        let mut cp = ClassPath::new();
        let err = cp
            .add_jar_bytes("bad.jar", b"PK\x03\x04garbage".to_vec())
            .unwrap_err();
        assert!(err.to_string().contains("bad.jar"));
    }
}
