//! Natives of `java.io.FileSystemNatives`: the file-system calls java.io and java.nio.file are
//! built on, over `std::fs` (WASI preopens inside the sandbox: /var/task read-only, /tmp
//! writable). Failures become `java.io.FsFailure(kind, reason)`, which the Java side turns into
//! the JDK's exception for the API (FileNotFoundException "p (reason)", NoSuchFileException...).

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Seek, SeekFrom, Write};

use super::{reg, NativeFn};
use crate::vm::heap::Array;
use crate::vm::value::Value;
use crate::vm::{JResult, Throw, Vm};

const CLASS: &str = "java/io/FileSystemNatives";

// FileSystemNatives.stat bits.
const EXISTS: i32 = 1;
const FILE: i32 = 2;
const DIRECTORY: i32 = 4;
const READABLE: i32 = 8;
const WRITABLE: i32 = 16;

// FileSystemNatives.open flags.
const READ: i32 = 1;
const WRITE: i32 = 2;
const APPEND: i32 = 4;
const CREATE: i32 = 8;
const CREATE_NEW: i32 = 16;
const TRUNCATE_EXISTING: i32 = 32;

// FsFailure kinds.
const OTHER: i32 = 0;
const NOT_FOUND: i32 = 1;
const ACCESS_DENIED: i32 = 2;
const ALREADY_EXISTS: i32 = 3;
const NOT_EMPTY: i32 = 4;
const NOT_DIRECTORY: i32 = 5;

/// Files the handler has open, by the handle Java holds.
#[derive(Default)]
pub struct OpenFiles {
    next: i32,
    files: HashMap<i32, File>,
}

pub fn register(t: &mut HashMap<String, NativeFn>) {
    let key = |m: &str| format!("{CLASS}.{m}");
    reg(t, &key("stat(Ljava/lang/String;)I"), |vm, a| {
        let path = path_arg(vm, a[0])?;
        Ok(Value::Int(stat(&path)))
    });
    reg(t, &key("size(Ljava/lang/String;)J"), |vm, a| {
        let path = path_arg(vm, a[0])?;
        let len = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        Ok(Value::Long(len as i64))
    });
    reg(t, &key("lastModified(Ljava/lang/String;)J"), |vm, a| {
        let path = path_arg(vm, a[0])?;
        let millis = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        Ok(Value::Long(millis))
    });
    reg(t, &key("list(Ljava/lang/String;)[Ljava/lang/String;"), list);
    reg(t, &key("delete(Ljava/lang/String;)V"), |vm, a| {
        let path = path_arg(vm, a[0])?;
        let result = match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => std::fs::remove_dir(&path),
            _ => std::fs::remove_file(&path),
        };
        result.map_err(|e| failure(vm, &e))?;
        Ok(Value::Top)
    });
    reg(t, &key("mkdir(Ljava/lang/String;)V"), |vm, a| {
        let path = path_arg(vm, a[0])?;
        std::fs::create_dir(&path).map_err(|e| failure(vm, &e))?;
        Ok(Value::Top)
    });
    reg(t, &key("createNew(Ljava/lang/String;)V"), |vm, a| {
        let path = path_arg(vm, a[0])?;
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| failure(vm, &e))?;
        Ok(Value::Top)
    });
    reg(
        t,
        &key("rename(Ljava/lang/String;Ljava/lang/String;)V"),
        |vm, a| {
            let from = path_arg(vm, a[0])?;
            let to = path_arg(vm, a[1])?;
            std::fs::rename(&from, &to).map_err(|e| failure(vm, &e))?;
            Ok(Value::Top)
        },
    );
    reg(t, &key("cwd()Ljava/lang/String;"), |vm, _| {
        let cwd = std::env::current_dir()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| "/".into());
        Ok(Value::Ref(vm.new_string(&cwd)))
    });
    reg(t, &key("open(Ljava/lang/String;I)I"), open);
    reg(t, &key("read(I[BII)I"), read);
    reg(t, &key("write(I[BII)V"), write);
    reg(t, &key("available(I)J"), |vm, a| {
        let file = handle(vm, a[0].int())?;
        let left = (|| {
            let len = file.metadata()?.len();
            let pos = file.stream_position()?;
            Ok::<u64, std::io::Error>(len.saturating_sub(pos))
        })();
        let left = left.map_err(|e| failure(vm, &e))?;
        Ok(Value::Long(left as i64))
    });
    reg(t, &key("skip(IJ)J"), |vm, a| {
        let n = a[1].long().max(0) as u64;
        let file = handle(vm, a[0].int())?;
        let moved = (|| {
            let len = file.metadata()?.len();
            let pos = file.stream_position()?;
            let to = pos.saturating_add(n).min(len.max(pos));
            file.seek(SeekFrom::Start(to))?;
            Ok::<u64, std::io::Error>(to - pos)
        })();
        let moved = moved.map_err(|e| failure(vm, &e))?;
        Ok(Value::Long(moved as i64))
    });
    reg(t, &key("close(I)V"), |vm, a| {
        vm.files.files.remove(&a[0].int());
        Ok(Value::Top)
    });
}

fn path_arg(vm: &mut Vm, v: Value) -> JResult<String> {
    match vm.rust_string(v.reference()) {
        Some(s) => Ok(s),
        None => Err(vm.vm_error("java/lang/NullPointerException", "")),
    }
}

/// The system's text for an error, without Rust's " (os error N)" suffix.
fn reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn kind(e: &std::io::Error, reason: &str) -> i32 {
    match e.kind() {
        ErrorKind::NotFound => NOT_FOUND,
        // EACCES only: EPERM ("Operation not permitted") is a plain FileSystemException in the JDK.
        ErrorKind::PermissionDenied if reason == "Permission denied" => ACCESS_DENIED,
        ErrorKind::AlreadyExists => ALREADY_EXISTS,
        ErrorKind::DirectoryNotEmpty => NOT_EMPTY,
        ErrorKind::NotADirectory => NOT_DIRECTORY,
        _ => OTHER,
    }
}

/// `new java.io.FsFailure(kind, reason)` as a Java exception.
fn failure(vm: &mut Vm, e: &std::io::Error) -> Throw {
    let reason = reason(e);
    let kind = kind(e, &reason);
    let made = (|| {
        let class = vm.load_class("java/io/FsFailure")?;
        vm.ensure_init(class)?;
        let obj = vm.new_object(class)?;
        vm.pin(obj);
        let text = vm.new_string(&reason);
        let r = vm.call_init(
            obj,
            "(ILjava/lang/String;)V",
            &[Value::Int(kind), Value::Ref(text)],
        );
        vm.unpin();
        r.map(|_| obj)
    })();
    match made {
        Ok(obj) => Throw::Java(obj),
        Err(t) => t,
    }
}

fn stat(path: &str) -> i32 {
    let Ok(meta) = std::fs::metadata(path) else {
        return 0;
    };
    let mut bits = EXISTS;
    if meta.is_dir() {
        bits |= DIRECTORY;
        if std::fs::read_dir(path).is_ok() {
            bits |= READABLE;
        }
        if !meta.permissions().readonly() {
            bits |= WRITABLE;
        }
    } else {
        if meta.is_file() {
            bits |= FILE;
        }
        if File::open(path).is_ok() {
            bits |= READABLE;
        }
        // An open for writing that neither creates nor truncates: the sandbox's read-only
        // mounts refuse it, as a read-only file system refuses access(W_OK).
        if OpenOptions::new().write(true).open(path).is_ok() {
            bits |= WRITABLE;
        }
    }
    bits
}

fn list(vm: &mut Vm, a: &[Value]) -> JResult<Value> {
    let path = path_arg(vm, a[0])?;
    let names: Vec<String> = std::fs::read_dir(&path)
        .and_then(|entries| {
            entries
                .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect()
        })
        .map_err(|e| failure(vm, &e))?;
    let arr = vm.new_array("[Ljava/lang/String;", names.len())?;
    vm.pin(arr);
    for (i, name) in names.iter().enumerate() {
        let s = vm.new_string(name);
        if let Some(Array::Ref(v)) = vm.array_mut(arr) {
            v[i] = s;
        }
    }
    vm.unpin();
    Ok(Value::Ref(arr))
}

fn open(vm: &mut Vm, a: &[Value]) -> JResult<Value> {
    let path = path_arg(vm, a[0])?;
    let flags = a[1].int();
    let has = |f: i32| flags & f != 0;
    let mut options = OpenOptions::new();
    options
        .read(has(READ) || !has(WRITE | APPEND))
        .write(has(WRITE) && !has(APPEND))
        .append(has(APPEND))
        .truncate(has(TRUNCATE_EXISTING) && !has(APPEND))
        .create(has(CREATE))
        .create_new(has(CREATE_NEW));
    let file = options.open(&path).map_err(|e| failure(vm, &e))?;
    let files = &mut vm.files;
    files.next += 1;
    let fd = files.next;
    files.files.insert(fd, file);
    Ok(Value::Int(fd))
}

fn handle(vm: &mut Vm, fd: i32) -> JResult<&mut File> {
    if !vm.files.files.contains_key(&fd) {
        return Err(vm.vm_error("java/io/IOException", "Stream Closed"));
    }
    Ok(vm.files.files.get_mut(&fd).unwrap())
}

fn read(vm: &mut Vm, a: &[Value]) -> JResult<Value> {
    let (fd, arr, off, len) = (a[0].int(), a[1].reference(), a[2].int(), a[3].int());
    let mut buf = vec![0u8; len.max(0) as usize];
    let n = handle(vm, fd)?.read(&mut buf);
    let n = n.map_err(|e| failure(vm, &e))?;
    if n == 0 && !buf.is_empty() {
        return Ok(Value::Int(-1));
    }
    if let Some(Array::Byte(v)) = vm.array_mut(arr) {
        for (i, &b) in buf[..n].iter().enumerate() {
            v[off as usize + i] = b as i8;
        }
    }
    Ok(Value::Int(n as i32))
}

fn write(vm: &mut Vm, a: &[Value]) -> JResult<Value> {
    let (fd, arr, off, len) = (a[0].int(), a[1].reference(), a[2].int(), a[3].int());
    let bytes: Vec<u8> = match vm.array(arr) {
        Some(Array::Byte(v)) => v[off as usize..(off + len) as usize]
            .iter()
            .map(|&b| b as u8)
            .collect(),
        _ => return Err(vm.vm_error("java/lang/NullPointerException", "")),
    };
    let written = handle(vm, fd)?.write_all(&bytes);
    written.map_err(|e| failure(vm, &e))?;
    Ok(Value::Top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_drop_the_os_error_suffix_and_kinds_follow_the_jdk() {
        let missing = std::fs::File::open("/definitely/not/here").unwrap_err();
        assert_eq!(reason(&missing), "No such file or directory");
        assert_eq!(kind(&missing, &reason(&missing)), NOT_FOUND);
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(stat(dir.path().to_str().unwrap()) & DIRECTORY, DIRECTORY);
        assert_eq!(stat("/definitely/not/here"), 0);
    }
}
