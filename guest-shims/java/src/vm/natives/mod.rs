//! Native methods of the class library, bound by `class.name(desc)` when a class with
//! `native` methods is linked. Each native gets its arguments (receiver first) and returns a
//! value (`Value::Top` for void).

mod format;
mod lang;
pub mod numbers;
mod text;

use std::collections::HashMap;

use super::value::Value;
use super::{JResult, Vm};

pub type NativeFn = fn(&mut Vm, &[Value]) -> JResult<Value>;

pub fn table() -> HashMap<String, NativeFn> {
    let mut t: HashMap<String, NativeFn> = HashMap::new();
    lang::register(&mut t);
    lang::register_runtime(&mut t);
    format::register(&mut t);
    text::register(&mut t);
    t
}

pub(crate) fn reg(t: &mut HashMap<String, NativeFn>, key: &str, f: NativeFn) {
    t.insert(key.to_string(), f);
}
