//! Builds the guest runtimes of `guest-shims/` (a cargo workspace of its own, for
//! wasm32-wasip2) with a nested cargo and embeds them: `OUT_DIR/guests.rs` defines
//! `<NAME>_WASM: Option<&[u8]>` and `<NAME>_MISSING: &str` for each guest.
//!
//! A missing toolchain is not a build failure: the guest is left out with a warning, and the
//! runtime says at run time what to install. `LAMBDABOX_SKIP_GUESTS=1` leaves every guest out.

use sha2::{Digest, Sha256};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

/// (const prefix, cargo package, member directory, output file stem)
const GUESTS: &[(&str, &str, &str, &str)] = &[
    ("JS", "lambdabox-js", "js", "lambdabox_js"),
    ("JAVA", "lambdabox-java", "java", "lambdabox_java"),
];
const TARGET: &str = "wasm32-wasip2";

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let shims = manifest_dir.join("guest-shims");
    println!("cargo:rerun-if-changed=guest-shims");
    println!("cargo:rerun-if-changed=wit");
    println!("cargo:rerun-if-env-changed=LAMBDABOX_SKIP_GUESTS");

    let mut consts = String::new();
    let skip = std::env::var("LAMBDABOX_SKIP_GUESTS").is_ok_and(|v| !v.is_empty() && v != "0");
    let present: Vec<_> = GUESTS
        .iter()
        .filter(|g| shims.join(g.2).join("Cargo.toml").exists())
        .collect();
    let problem = if skip {
        Some("it was built with LAMBDABOX_SKIP_GUESTS set".to_owned())
    } else if present.is_empty() {
        None
    } else {
        toolchain_problem()
    };
    if let Some(p) = &problem {
        if !skip {
            println!("cargo:warning=guest runtimes not built: {p}");
        }
    }

    let guest_target = guest_target_dir(&manifest_dir);
    for &(name, package, member, stem) in GUESTS {
        let missing = if !shims.join(member).join("Cargo.toml").exists() {
            Some(format!(
                "guest-shims/{member} does not exist in this source tree"
            ))
        } else if let Some(p) = &problem {
            Some(p.clone())
        } else {
            build_guest(&shims, &guest_target, package);
            None
        };
        match missing {
            Some(reason) => {
                consts += &format!("pub const {name}_WASM: Option<&[u8]> = None;\n");
                consts += &format!("pub const {name}_SHA256: &str = \"\";\n");
                consts += &format!("pub const {name}_MISSING: &str = {reason:?};\n");
            }
            None => {
                let built = guest_target
                    .join(TARGET)
                    .join("release")
                    .join(format!("{stem}.wasm"));
                let embedded = out_dir.join(format!("{stem}.wasm"));
                std::fs::copy(&built, &embedded).unwrap_or_else(|e| {
                    panic!(
                        "guest {package} built but {} is missing: {e}",
                        built.display()
                    )
                });
                consts += &format!(
                    "pub const {name}_WASM: Option<&[u8]> = Some(include_bytes!({embedded:?}));\n"
                );
                consts += &format!("pub const {name}_MISSING: &str = \"\";\n");
                // Hashed here so a cached run does not hash the guest again.
                let digest = Sha256::digest(std::fs::read(&embedded).unwrap());
                consts += &format!(
                    "pub const {name}_SHA256: &str = {:?};\n",
                    hex::encode(digest)
                );
            }
        }
    }
    std::fs::write(out_dir.join("guests.rs"), consts).unwrap();
}

/// `<CARGO_TARGET_DIR or ./target>/guests/<hash of this checkout>`: one guest target
/// directory per checkout, so worktrees with different guest sources never mix.
fn guest_target_dir(manifest_dir: &Path) -> PathBuf {
    let base = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir.join("target"));
    let mut h = DefaultHasher::new();
    manifest_dir.hash(&mut h);
    base.join("guests").join(format!("{:016x}", h.finish()))
}

/// What is missing to build guests, if anything.
fn toolchain_problem() -> Option<String> {
    for tool in ["clang-19", "llvm-ar-19", "wasm-ld-19"] {
        if Command::new(tool)
            .arg("--version")
            .output()
            .map(|o| !o.status.success())
            .unwrap_or(true)
        {
            return Some(format!("`{tool}` is not installed"));
        }
    }
    if !Path::new("/usr/include/wasm32-wasi/stdio.h").exists() {
        return Some("the wasi-libc headers (/usr/include/wasm32-wasi) are not installed".into());
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let sysroot = Command::new(&rustc)
        .args(["--print", "sysroot"])
        .output()
        .ok()?;
    let sysroot = PathBuf::from(String::from_utf8_lossy(&sysroot.stdout).trim());
    if !sysroot.join("lib/rustlib").join(TARGET).exists() {
        return Some(format!("the Rust target {TARGET} is not installed"));
    }
    None
}

/// A sysroot layout clang understands, pointing at Debian's wasi-libc.
fn wasi_sysroot(guest_target: &Path) -> PathBuf {
    let root = guest_target.join("wasi-sysroot");
    let lib = root.join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    let link = |target: &str, at: PathBuf| {
        if std::fs::symlink_metadata(&at).is_err() {
            std::os::unix::fs::symlink(target, &at).unwrap();
        }
    };
    link("/usr/include/wasm32-wasi", root.join("include"));
    for t in ["wasm32-wasip1", "wasm32-wasip2", "wasm32-wasi"] {
        link("/usr/lib/wasm32-wasi", lib.join(t));
    }
    root
}

fn build_guest(shims: &Path, guest_target: &Path, package: &str) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let sysroot = wasi_sysroot(guest_target);
    let mut cmd = Command::new(cargo);
    cmd.current_dir(shims)
        .args([
            "build",
            "--release",
            "--locked",
            "--target",
            TARGET,
            "-p",
            package,
            "--target-dir",
        ])
        .arg(guest_target);
    if let Ok(jobs) = std::env::var("NUM_JOBS") {
        cmd.args(["-j", &jobs]);
    }
    // Nothing of the outer build may leak into the nested one.
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        if key.starts_with("CARGO_") && key != "CARGO_HOME"
            || key.starts_with("RUSTC")
            || key.starts_with("RUSTDOC")
            || [
                "RUSTFLAGS",
                "CARGO",
                "TARGET",
                "HOST",
                "OUT_DIR",
                "OPT_LEVEL",
                "PROFILE",
                "DEBUG",
                "NUM_JOBS",
            ]
            .contains(&key.as_ref())
            || key.starts_with("DEP_")
            || key == "MAKEFLAGS"
            || key == "MFLAGS"
        {
            cmd.env_remove(key.as_ref());
        }
    }
    let sysroot_flag = format!("--sysroot={}", sysroot.display());
    for t in ["wasm32_wasip1", "wasm32_wasip2"] {
        cmd.env(format!("CC_{t}"), "clang-19")
            .env(format!("AR_{t}"), "llvm-ar-19")
            .env(format!("CFLAGS_{t}"), &sysroot_flag);
    }
    cmd.env("RQUICKJS_SYS_NO_WASI_SDK", "1");
    let status = cmd
        .status()
        .unwrap_or_else(|e| panic!("cannot run cargo for the guest {package}: {e}"));
    if !status.success() {
        panic!("building the guest {package} failed (see the output above); set LAMBDABOX_SKIP_GUESTS=1 to build without guests");
    }
}
