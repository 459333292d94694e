//! Native methods of the class library, bound by `class.name(desc)` when a class with
//! `native` methods is linked. Each native gets its arguments (receiver first) and returns a
//! value (`Value::Top` for void).

mod fdlibm;
mod format;
pub mod fs;
mod lang;
pub mod net;
pub mod numbers;
mod security;
mod text;

use std::collections::HashMap;

use super::heap::Array;
use super::value::{Ref, Value};
use super::{JResult, Vm};

pub type NativeFn = fn(&mut Vm, &[Value]) -> JResult<Value>;

pub fn table() -> HashMap<String, NativeFn> {
    let mut t: HashMap<String, NativeFn> = HashMap::new();
    lang::register(&mut t);
    lang::register_runtime(&mut t);
    format::register(&mut t);
    text::register(&mut t);
    security::register(&mut t);
    fs::register(&mut t);
    net::register(&mut t);
    t
}

pub(crate) fn reg(t: &mut HashMap<String, NativeFn>, key: &str, f: NativeFn) {
    t.insert(key.to_string(), f);
}

/// The bytes of a `byte[]` (NullPointerException for null or a non-byte array).
pub(crate) fn byte_array(vm: &mut Vm, r: Ref) -> JResult<Vec<u8>> {
    match vm.array(r) {
        Some(Array::Byte(v)) => Ok(v.iter().map(|&b| b as u8).collect()),
        _ => Err(vm.vm_error("java/lang/NullPointerException", "")),
    }
}

/// A new `byte[]` holding `bytes`.
pub(crate) fn new_byte_array(vm: &mut Vm, bytes: &[u8]) -> JResult<Ref> {
    let r = vm.new_array("[B", bytes.len())?;
    if let Some(Array::Byte(v)) = vm.array_mut(r) {
        for (d, &s) in v.iter_mut().zip(bytes) {
            *d = s as i8;
        }
    }
    Ok(r)
}
