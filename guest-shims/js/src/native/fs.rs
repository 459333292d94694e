//! Synchronous filesystem primitives over WASI (`std::fs`); the `fs` module builds its
//! sync, callback and promise APIs on them. Failures are thrown as the bare Node error
//! code string (`"ENOENT"`), which the JavaScript side turns into a Node-shaped error.

use std::fs;
use std::io::{self, ErrorKind, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use rquickjs::{Ctx, Error, Function, Object, Result, TypedArray, Value};

use super::{bytes_of, to_array};

pub fn install<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> Result<()> {
    native.set("fsRead", Function::new(ctx.clone(), read)?)?;
    native.set("fsWrite", Function::new(ctx.clone(), write)?)?;
    native.set("fsStat", Function::new(ctx.clone(), stat)?)?;
    native.set("fsReaddir", Function::new(ctx.clone(), readdir)?)?;
    native.set("fsMkdir", Function::new(ctx.clone(), mkdir)?)?;
    native.set("fsRemove", Function::new(ctx.clone(), remove)?)?;
    native.set("fsRename", Function::new(ctx.clone(), rename)?)?;
    Ok(())
}

/// The Node error code for an I/O error.
pub fn code_of(error: &io::Error) -> &'static str {
    #[cfg(target_os = "wasi")]
    if let Some(code) = error.raw_os_error().and_then(wasi_code) {
        return code;
    }
    match error.kind() {
        ErrorKind::NotFound => "ENOENT",
        ErrorKind::PermissionDenied => "EACCES",
        ErrorKind::ReadOnlyFilesystem => "EROFS",
        ErrorKind::AlreadyExists => "EEXIST",
        ErrorKind::NotADirectory => "ENOTDIR",
        ErrorKind::IsADirectory => "EISDIR",
        ErrorKind::DirectoryNotEmpty => "ENOTEMPTY",
        ErrorKind::InvalidInput => "EINVAL",
        ErrorKind::CrossesDevices => "EXDEV",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "ENOSPC",
        ErrorKind::FileTooLarge => "EFBIG",
        ErrorKind::Unsupported => "ENOSYS",
        _ => "EIO",
    }
}

/// WASI errno numbers (wasi-libc), which std maps to `ErrorKind` only in part.
#[cfg(target_os = "wasi")]
fn wasi_code(errno: i32) -> Option<&'static str> {
    Some(match errno {
        2 => "EACCES",
        8 => "EBADF",
        20 => "EEXIST",
        22 => "EFBIG",
        28 => "EINVAL",
        31 => "EISDIR",
        32 => "ELOOP",
        37 => "ENAMETOOLONG",
        44 => "ENOENT",
        51 => "ENOSPC",
        52 => "ENOSYS",
        54 => "ENOTDIR",
        55 => "ENOTEMPTY",
        63 => "EPERM",
        69 => "EROFS",
        75 => "EXDEV",
        76 => "EACCES", // ENOTCAPABLE: outside the sandbox's preopened directories
        _ => return None,
    })
}

fn throw(ctx: &Ctx<'_>, error: io::Error) -> Error {
    match rquickjs::String::from_str(ctx.clone(), code_of(&error)) {
        Ok(code) => ctx.throw(code.into_value()),
        Err(e) => e,
    }
}

fn read(ctx: Ctx<'_>, path: String) -> Result<TypedArray<'_, u8>> {
    let bytes = fs::read(&path).map_err(|e| throw(&ctx, e))?;
    to_array(&ctx, bytes)
}

/// `flag`: "w" truncate, "a" append, "wx"/"ax" fail when the file exists.
fn write<'js>(ctx: Ctx<'js>, path: String, data: Value<'js>, flag: String) -> Result<()> {
    let bytes = bytes_of(&ctx, &data)?;
    let mut options = fs::OpenOptions::new();
    if flag.starts_with('a') {
        options.append(true);
    } else {
        options.write(true).truncate(true);
    }
    if flag.contains('x') {
        options.create_new(true);
    } else {
        options.create(true);
    }
    options
        .open(&path)
        .and_then(|mut f| f.write_all(&bytes))
        .map_err(|e| throw(&ctx, e))
}

fn millis(time: io::Result<SystemTime>) -> f64 {
    time.ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

fn kind_of(file_type: fs::FileType) -> &'static str {
    if file_type.is_symlink() {
        "symlink"
    } else if file_type.is_dir() {
        "dir"
    } else if file_type.is_file() {
        "file"
    } else {
        "other"
    }
}

fn stat(ctx: Ctx<'_>, path: String, follow: bool) -> Result<Object<'_>> {
    let meta = if follow {
        fs::metadata(&path)
    } else {
        fs::symlink_metadata(&path)
    }
    .map_err(|e| throw(&ctx, e))?;
    let out = Object::new(ctx.clone())?;
    out.set("kind", kind_of(meta.file_type()))?;
    out.set("size", meta.len() as f64)?;
    out.set("readonly", meta.permissions().readonly())?;
    out.set("mtimeMs", millis(meta.modified()))?;
    out.set("atimeMs", millis(meta.accessed()))?;
    out.set("birthtimeMs", millis(meta.created()))?;
    Ok(out)
}

/// Entries as `[name, kind]` pairs, sorted by name like Node on most filesystems.
fn readdir(ctx: Ctx<'_>, path: String) -> Result<Vec<Vec<String>>> {
    let entries = fs::read_dir(&path).map_err(|e| throw(&ctx, e))?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| throw(&ctx, e))?;
        let kind = entry.file_type().map_or("other", kind_of);
        out.push(vec![
            entry.file_name().to_string_lossy().into_owned(),
            kind.to_string(),
        ]);
    }
    out.sort();
    Ok(out)
}

fn mkdir(ctx: Ctx<'_>, path: String, recursive: bool) -> Result<()> {
    if recursive {
        fs::create_dir_all(&path)
    } else {
        fs::create_dir(&path)
    }
    .map_err(|e| throw(&ctx, e))
}

/// `what`: "file" (unlink), "dir" (rmdir), "tree" (rm -r).
fn remove(ctx: Ctx<'_>, path: String, what: String) -> Result<()> {
    match what.as_str() {
        "dir" => fs::remove_dir(&path),
        "tree" => match fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => fs::remove_dir_all(&path),
            Ok(_) => fs::remove_file(&path),
            Err(e) => Err(e),
        },
        _ => fs::remove_file(&path),
    }
    .map_err(|e| throw(&ctx, e))
}

fn rename(ctx: Ctx<'_>, from: String, to: String) -> Result<()> {
    fs::rename(&from, &to).map_err(|e| throw(&ctx, e))
}
