//! Compiles the Java half of the class library (classlib/**.java) with javac and embeds the
//! class files. javac is needed only at build time; nothing of the JDK is used at run time.
//!
//! java.* sources are compiled as a patch of module java.base, so they replace the JDK's
//! classes of the same name; `-XDstringConcat=inline` keeps the library itself free of
//! invokedynamic string concatenation.

use std::path::{Path, PathBuf};
use std::process::Command;

fn java_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            java_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "java") {
            out.push(p);
        }
    }
}

fn class_files(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            class_files(&p, root, out);
        } else if p.extension().is_some_and(|x| x == "class") {
            let rel = p.strip_prefix(root).unwrap().with_extension("");
            out.push((rel.to_string_lossy().replace('\\', "/"), p));
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let src = manifest.join("classlib");
    println!("cargo:rerun-if-changed=classlib");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let classes = out.join("classlib");
    let _ = std::fs::remove_dir_all(&classes);
    std::fs::create_dir_all(&classes).unwrap();

    let mut base = Vec::new();
    java_files(&src.join("java"), &mut base);
    let mut others = Vec::new();
    for top in ["com", "lambdabox"] {
        java_files(&src.join(top), &mut others);
    }
    base.sort();
    others.sort();
    let javac = std::env::var("JAVAC").unwrap_or_else(|_| "javac".into());
    let run = |args: &[&std::ffi::OsStr], files: &[PathBuf]| {
        let status = Command::new(&javac)
            .args(args)
            .args(files)
            .status()
            .unwrap_or_else(|e| {
                panic!(
                    "running {javac} (needed at build time to compile the Java class library): {e}"
                )
            });
        assert!(status.success(), "javac failed compiling the class library");
    };
    let patch = format!("java.base={}", src.display());
    run(
        &[
            "-nowarn".as_ref(),
            "-XDstringConcat=inline".as_ref(),
            "-g:source,lines".as_ref(),
            "--patch-module".as_ref(),
            patch.as_ref(),
            "-d".as_ref(),
            classes.join("java.base").as_os_str(),
        ],
        &base,
    );
    if !others.is_empty() {
        run(
            &[
                "-nowarn".as_ref(),
                "--release".as_ref(),
                "8".as_ref(),
                "-g:source,lines".as_ref(),
                "-d".as_ref(),
                classes.join("other").as_os_str(),
            ],
            &others,
        );
    }
    let mut found = Vec::new();
    class_files(
        &classes.join("java.base"),
        &classes.join("java.base"),
        &mut found,
    );
    class_files(&classes.join("other"), &classes.join("other"), &mut found);
    found.sort();
    let mut code = String::from("/// The embedded class library: (internal name, class-file bytes).\npub static CLASSES: &[(&str, &[u8])] = &[\n");
    for (name, path) in &found {
        code.push_str(&format!(
            "    ({name:?}, include_bytes!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    std::fs::write(out.join("classlib.rs"), code).unwrap();
}
