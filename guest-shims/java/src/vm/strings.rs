//! Java strings: creation, interning and conversion between Rust text and UTF-16 objects.

use std::rc::Rc;

use super::heap::Native;
use super::value::{Ref, NULL};
use super::{JResult, Throw, Vm};

impl Vm {
    pub fn string_class(&self) -> u32 {
        self.class_by_name("java/lang/String")
            .expect("java.lang.String is loaded at start-up")
    }

    pub fn new_string_utf16(&mut self, units: Rc<[u16]>) -> Ref {
        let class = self.string_class();
        self.heap.alloc(class, vec![], Native::Str(units))
    }

    pub fn new_string(&mut self, s: &str) -> Ref {
        let units: Vec<u16> = s.encode_utf16().collect();
        self.new_string_utf16(units.into())
    }

    /// The canonical instance for a string constant (`ldc`, `String.intern`).
    pub fn intern(&mut self, units: Rc<[u16]>) -> Ref {
        if let Some(&r) = self.interned.get(&units) {
            return r;
        }
        let r = self.new_string_utf16(units.clone());
        self.interned.insert(units, r);
        r
    }

    pub fn intern_str(&mut self, s: &str) -> Ref {
        let units: Vec<u16> = s.encode_utf16().collect();
        self.intern(units.into())
    }

    /// The UTF-16 content of a `String` object (None for null or a non-string).
    pub fn str_units(&self, r: Ref) -> Option<Rc<[u16]>> {
        if r == NULL {
            return None;
        }
        match &self.heap.get(r).native {
            Native::Str(s) => Some(s.clone()),
            _ => None,
        }
    }

    pub fn rust_string(&self, r: Ref) -> Option<String> {
        self.str_units(r).map(|u| String::from_utf16_lossy(&u))
    }

    /// `String.valueOf(obj)`: "null" or `obj.toString()`.
    pub fn to_java_string(&mut self, r: Ref) -> JResult<Rc<[u16]>> {
        if r == NULL {
            return Ok("null".encode_utf16().collect::<Vec<_>>().into());
        }
        if let Some(u) = self.str_units(r) {
            return Ok(u);
        }
        let s = self.call_virtual(r, "toString", "()Ljava/lang/String;", &[])?;
        Ok(self
            .str_units(s.reference())
            .unwrap_or_else(|| "null".encode_utf16().collect::<Vec<_>>().into()))
    }

    pub fn expect_string(&mut self, r: Ref) -> JResult<Rc<[u16]>> {
        match self.str_units(r) {
            Some(u) => Ok(u),
            None if r == NULL => Err(self.vm_error("java/lang/NullPointerException", "")),
            None => Err(Throw::Fatal("expected a java.lang.String".into())),
        }
    }
}
